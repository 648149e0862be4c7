"""The who-said-what report, per story and per run.

One way through: ``sections`` builds the report as data (``model``) from a story's tables and their
comparison; ``markdown`` renders it; ``story`` writes the files.
"""

from quotes.report.markdown import markdown_table
from quotes.report.sections import shorten, speaker_label
from quotes.report.story import StoryReport, stories, story_title, write_reports, write_tables, written_files

__all__ = [
    "StoryReport",
    "markdown_table",
    "shorten",
    "speaker_label",
    "stories",
    "story_title",
    "write_reports",
    "write_tables",
    "written_files",
]
