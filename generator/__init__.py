"""studyplan: one YAML study plan -> site, calendars, checklists and progress reports."""

__version__ = "0.1.0"
