"""What the apps' API packages share: the rule-asking permission class, the base viewset,
the error responses of the schema and the schema and documentation views."""
