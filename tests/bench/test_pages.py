"""The bench measures every list of the API: a new resource that it leaves out fails here."""

from bench.pages import API_LISTS
from citydeal.api_urls import router


def test_the_bench_measures_every_api_list():
    measured = {target.path.removeprefix("/api/v1/").strip("/") for target in API_LISTS}
    assert measured == {prefix for prefix, *_ in router.registry}
