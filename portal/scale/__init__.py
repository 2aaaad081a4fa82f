"""Generated data at N times the seed's volume (``manage.py generate_scale_data``)."""

from portal.scale.generator import ScaleDataRefused, ScaleReport, generate_scale_data

__all__ = ["ScaleDataRefused", "ScaleReport", "generate_scale_data"]
