"""Test configuration shared by every suite.

Qt runs offscreen and hypothesis has a CI-sized profile; both are set here, by the tests
themselves, so that `pytest` needs nothing from the environment.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("default")
