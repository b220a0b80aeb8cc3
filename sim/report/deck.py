"""A short slide deck for consultants who present in PowerPoint (python-pptx): title, the verdict, what it rests on,
the three figures, what each strategy does, the money table, the break-even market and the assumptions; how to
reproduce it and the money's definitions are in the speaker notes. The words are the report's."""

from __future__ import annotations

import io
import math
from pathlib import Path

from . import plots
from .i18n import TEXT, cite, dative, source
from .numbers import NONE, capital, count, decimal, fixed, percent
from .story import (
    Story,
    assumed_economy,
    fading,
    headline_sentences,
    kept_up,
    margin_breakeven,
    money_unit,
    profit_alone,
    ranking,
    title,
    unsettled,
    valuation,
    valuing_labels,
    valuings,
)

KEY_ASSUMPTIONS = ("platform.reach_base", "follows.promo_annoyance", "reactions.annoyance_weight", "economy.lapse_rate", "economy.discount_rate_per_year",
                   "service.wage_per_hour", "service.answers_per_staff_hour")


def write(comparison, path: Path, lang: str = "en", breakeven=None, story: Story | None = None) -> Path:
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    t = TEXT[lang]
    story = (story or Story()).resolved(comparison)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    title_only = deck.slide_layouts[5]

    def widen(slide):
        """The template's placeholders are laid out for 4:3; stretch them across the 16:9 slide, centred."""
        for shape in slide.placeholders:
            top, height = shape.top, shape.height  # inherited from the layout; setting one coordinate sets all four
            shape.left, shape.top, shape.width, shape.height = Inches(0.6), top, deck.slide_width - Inches(1.2), height
        return slide

    def text_slide(title: str, lines: list[str], size: int = 20, spacing: int = 10):
        slide = widen(deck.slides.add_slide(title_only))
        slide.shapes.title.text = title
        box = slide.shapes.add_textbox(Inches(0.7), Inches(1.6), Inches(11.9), Inches(5.4)).text_frame
        box.word_wrap = True
        # sized for Calibri's widths (text_height); where the viewer lacks it (LibreOffice without Carlito falls back
        # to a wider font), the text shrinks to stay on the slide instead of running off it
        box.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        for i, line in enumerate(lines):
            p = box.paragraphs[0] if i == 0 else box.add_paragraph()
            p.text = line
            p.font.size = Pt(size)
            p.space_after = Pt(spacing)
        return slide

    def picture(slide, fig, left, top, width):
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=160)
        plots.plt.close(fig)
        buf.seek(0)
        slide.shapes.add_picture(buf, left, top, width=width)

    first = widen(deck.slides.add_slide(deck.slide_layouts[0]))
    first.shapes.title.text = title(comparison, story, lang)
    first.shapes.title.text_frame.paragraphs[0].font.size = Pt(34)  # the template's 44 pt overflows a title this long
    from .html import _page_line, breakeven_command, fit_warning, market_size, timeline_words

    first.placeholders[1].text = _page_line(comparison, story, lang)  # the page, and what of it the model assumes
    first.placeholders[1].text_frame.paragraphs[0].font.size = Pt(16)
    if warning := fit_warning(comparison, story, lang):  # on the first slide, as on the report's first screen
        first.placeholders[1].text_frame.paragraphs[0].font.size = Pt(13)  # two paragraphs in the subtitle's box
        p = first.placeholders[1].text_frame.add_paragraph()
        p.text = warning
        p.font.size = Pt(13)
        p.font.bold = True

    def fitted(heading: str, said: list[str], sizes: tuple[int, ...]) -> None:
        """``said`` on a slide at the largest of ``sizes`` it fits at; what does not fit at the smallest, on a second."""
        said = [p for p in said if p]
        if not said:
            return
        size = next((s for s in sizes if text_height(said, s) <= 5.4), None)
        if size is not None:
            text_slide(heading, said, size=size)
            return
        fits = 1  # a German verdict with every caveat ran off the slide
        while fits < len(said) and text_height(said[:fits + 1], sizes[-1]) <= 5.4:
            fits += 1
        text_slide(heading, said[:fits], size=sizes[-1])
        rest = said[fits:]
        if rest:
            text_slide(f"{heading} ({t['continued']})", rest, size=next((s for s in (16, 15, 14, 13, 12) if text_height(rest, s) <= 5.4), 12))

    # The verdict, large enough to present (a client could not read 260 words at 14 pt), the headline's lead a sentence
    # to a paragraph; what it rests on on the next slide, first the headline's caveat (the costs kept up, where the
    # verdict turns with them), then the money's other readings: a deck may travel alone, so they stay on slides.
    lead, caveat = headline_sentences(comparison, story, lang)
    kept = caveat or kept_up(comparison, story, lang)
    fitted(t["verdict"], [*lead, ranking(comparison, story, lang, where="deck", after_headline=True),
                          t["few_reps"].format(reps=comparison.reps) if comparison.reps < 10 else ""], (20, 18, 16))
    fitted(t["verdict_rests"], [kept, profit_alone(comparison, story, lang), margin_breakeven(comparison, story, lang)],
           (18, 16, 15, 14))

    # The three figures on two slides, each large enough to read when projected (stacked beside the followers, the
    # bars' labels came to 7 pt): the followers over time (5.6 x 3.6 in, 5.4 in high here); net advocates and value
    # side by side (4.4 x 3.2 in, 4.4 in high).
    followers, advocates, value = plots.story_figures(comparison, story, lang).values()
    slide = widen(deck.slides.add_slide(title_only))
    slide.shapes.title.text = t["at_a_glance"]
    picture(slide, followers, Inches(2.47), Inches(1.6), Inches(8.4))
    slide = widen(deck.slides.add_slide(title_only))
    slide.shapes.title.text = t["glance_bars"]
    picture(slide, advocates, Inches(0.45), Inches(1.9), Inches(6.05))
    picture(slide, value, Inches(6.83), Inches(1.9), Inches(6.05))

    strategies = []
    shared, own = timeline_words(comparison, lang)
    for name in story.order(comparison):
        sc = comparison.manifest["scenarios"].get(name, {})
        staff = comparison.table.query("scenario == @name and metric == 'full_time_staff'")["mean"]
        hours = comparison.table.query("scenario == @name and metric == 'staff_hours'")["mean"]
        whom = "deck_staff" if len(hours) and hours.iloc[0] > 0 else "deck_staff_posts"  # no desk: the posts' makers only
        people = t[whom].format(n=decimal(float(staff.iloc[0]), ".1f", lang)) if len(staff) and staff.iloc[0] > 0 else ""
        changes = "".join(f"; {change}" for change in own.get(name, []))
        strategies.append(f"{capital(story.label(name, lang))}: {story.description(name, lang, sc)}{people}{changes}")
    if shared:  # a crisis in the market, said once
        strategies.append(f"{t['tl_shared']}: {'; '.join(shared)}.")
    text_slide(t["strategies"], strategies, size=16, spacing=8)  # what the names stand for, and the people they take

    money_slide(deck, widen(deck.slides.add_slide(title_only)), comparison, story, lang)
    valuings_slide(deck, title_only, widen, comparison, story, lang)

    if breakeven is not None:
        labels = breakeven.labels(story, lang)
        market = market_size(comparison)
        said = breakeven.sentences(lang, labels, market)
        shown = said[:2]  # the value, and with the costs kept up; the revalued links go to the notes: the figure keeps its room
        slide = text_slide(t["breakeven"], shown, size=15, spacing=4)
        slide.notes_slide.notes_text_frame.text = " ".join(said)
        lines = sum(math.ceil(len(p) / 120) for p in shown)  # about 120 characters a line at 15 pt across the 11.9 in box
        top = 1.75 + lines * 0.26 + 0.06 * len(shown)
        fig = plots.breakeven(breakeven, lang, labels, story.currency, market)
        wide, high = fig.get_size_inches()
        width = min(wide, (7.3 - top) * wide / high)  # the figure at its size at most, down to the slide's foot
        picture(slide, fig, Inches((13.333 - width) / 2), Inches(top), Inches(width))

    from .html import money_note

    slide = text_slide(t["deck_assumptions"], [assumed_economy(comparison, story, lang, where="deck")]
                       + key_assumptions(comparison, story, lang), size=15, spacing=5)
    slide.notes_slide.notes_text_frame.text = money_note(comparison, story, lang)  # the definitions, for the presenter
    # how to reproduce is for the consultant, not the client: in the title slide's notes, not on a slide
    command = comparison.manifest.get("command") or ""
    base = dative(story.label(comparison.manifest["baseline"], lang), lang)
    first.notes_slide.notes_text_frame.text = "\n".join(
        [f"{t['reproduce']}: {command}"]
        + ([f"{t['with_breakeven']}: {breakeven_command(command)}"]
           if breakeven is None and command.startswith("audsim demo") else [])
        + [t["reps_note"].format(reps=comparison.reps, base_to=base)])
    label(deck, title(comparison, story, lang), lang)
    deck.save(path)
    return path


def label(deck, name: str, lang: str) -> None:
    """The file's own properties as the deck's, not python-pptx's template's (its author, 2013, a 4:3 show), and every
    text in the report's language, so PowerPoint checks German spelling as German."""
    from datetime import datetime, timezone

    from pptx.enum.lang import MSO_LANGUAGE_ID

    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    props = deck.core_properties
    props.title, props.author, props.last_modified_by, props.comments = name, "audsim", "audsim", ""
    props.created = props.modified = now
    props.revision, props.language = 1, LANGUAGES[lang][0]
    language = getattr(MSO_LANGUAGE_ID, LANGUAGES[lang][1])
    frames = [shape.text_frame for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    frames += [slide.notes_slide.notes_text_frame for slide in deck.slides if slide.has_notes_slide]
    for frame in frames:
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font.language_id = language
    for part in deck.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":  # python-pptx keeps the template's; the slides are 16:9
            part._blob = part.blob.replace(b"On-screen Show (4:3)", b"On-screen Show (16:9)")


LANGUAGES = {"en": ("en-GB", "ENGLISH_UK"), "de": ("de-DE", "GERMAN")}


MONEY_COLUMNS = ("gross_profit", "cost", "net_profit", "net_profit_present", "customer_equity_change_present", "value")
# net profit = gross profit - cost (as booked); value today = net profit today + equity change today (the headline's)


def text_height(paragraphs: list[str], size: int, width: float = 11.9, spacing: int = 10) -> float:
    """Inches the paragraphs take in a text box ``width`` inches wide at ``size`` points: a character 0.42 of the
    size wide and lines 1.2 times the size apart (measured on these slides rendered by LibreOffice in Carlito, which
    has Calibri's widths; an estimate: python-pptx cannot measure text)."""
    per_line = width * 72 / (0.42 * size)
    lines = sum(math.ceil(len(p) / per_line) for p in paragraphs)
    return (lines * 1.2 * size + spacing * len(paragraphs)) / 72


def valuings_slide(deck, layout, widen, comparison, story, lang: str = "en") -> None:
    """The report's table of the value gap under each way of valuing the market at the end (``story.valuings``), with
    its 95% intervals, for the finance lead: no slide where the runs have only the headline's value."""
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    pairs, rows, cells = valuings(comparison, story)
    if len(rows) < 2:
        return
    t, unit = TEXT[lang], money_unit(comparison)
    slide = widen(deck.slides.add_slide(layout))
    slide.shapes.title.text = t["valuings_title"]
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(34)
    width = deck.slide_width - Inches(1.2)
    table = slide.shapes.add_table(len(rows) + 1, len(pairs) + 1, Inches(0.6), Inches(1.6), width,
                                   Inches(0.66) * (len(rows) + 1)).table
    table.columns[0].width = Inches(5.4)
    for j in range(1, len(pairs) + 1):
        table.columns[j].width = (width - Inches(5.4)) // len(pairs)
    words = valuing_labels(comparison, lang)
    sep = ";" if lang == "de" else ","

    def put(i, j, text, size=14, bold=False):
        cell = table.cell(i, j)
        cell.text = text
        for paragraph in cell.text_frame.paragraphs:
            paragraph.font.size, paragraph.font.bold = Pt(size), bold
            if j:
                paragraph.alignment = PP_ALIGN.RIGHT

    put(0, 0, f"{t['valuings_head']} ({story.currency})" if story.currency else t["valuings_head"], 13, True)
    proposed = capital(story.label(story.proposed, lang))
    for j, other in enumerate(pairs, start=1):
        put(0, j, t["valuings_pair"].format(a=proposed, b=story.label(other, lang)), 13, True)
    for i, (name, row) in enumerate(zip(rows, cells), start=1):
        put(i, 0, capital(words[name]), 13)
        for j, d in enumerate(row, start=1):
            put(i, j, NONE[lang] if d is None else
                f"{fixed(d['diff'], unit, lang, signed=True)} [{fixed(d['ci_low'], unit, lang, signed=True)}{sep} "
                f"{fixed(d['ci_high'], unit, lang, signed=True)}]")
    note = slide.shapes.add_textbox(Inches(0.7), deck.slide_height - Inches(1.25), Inches(11.9), Inches(1.1)).text_frame
    note.word_wrap = True
    note.text = t["valuings_note"]
    note.paragraphs[0].font.size = Pt(12)


def money_slide(deck, slide, comparison, story, lang: str = "en") -> None:
    """The money a finance lead asks for, as a table: per strategy, gross profit, cost, net profit (gross profit -
    cost) as booked and in today's money, the change in customer equity in today's money and value today (means
    over the replications, each to the unit of the report's sentences, so that the columns add up; the report has
    the intervals)."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    t, table = TEXT[lang], comparison.table
    unit = money_unit(comparison)
    slide.shapes.title.text = t["money"]
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(34)  # one line above the table in either language
    names = [n for n in story.order(comparison) if n in set(table["scenario"])]
    against = story.current in names  # a last column, each value against the current strategy's: the choice
    columns = len(MONEY_COLUMNS) + against
    shape = slide.shapes.add_table(len(names) + 1, columns + 1, Inches(0.6), Inches(1.7),
                                   deck.slide_width - Inches(1.2), Inches(0.6) * (len(names) + 1))
    cells = shape.table
    cells.columns[0].width = Inches(2.7)
    for j in range(1, columns + 1):
        cells.columns[j].width = (deck.slide_width - Inches(1.2) - Inches(2.7)) // columns

    def put(i, j, text, bold=False):
        cell = cells.cell(i, j)
        cell.text = text
        for paragraph in cell.text_frame.paragraphs:
            paragraph.font.size, paragraph.font.bold = Pt(12 if i == 0 else 14), bold  # seven columns: "−2.70 million" on one line
            if j:
                paragraph.alignment = PP_ALIGN.RIGHT

    put(0, 0, story.currency)  # once, not in every header: seven headers of two short lines keep the table clear of the note
    for j, metric in enumerate(MONEY_COLUMNS, start=1):
        put(0, j, t["deck_money_columns"][metric], bold=True)
    if against:
        put(0, columns, t["deck_money_against"].format(current=dative(story.label(story.current, lang), lang)), bold=True)
    value = lambda name: table[(table["scenario"] == name) & (table["metric"] == "value")]["mean"]  # noqa: E731
    for i, name in enumerate(names, start=1):
        put(i, 0, capital(story.label(name, lang)), bold=True)
        for j, metric in enumerate(MONEY_COLUMNS, start=1):
            row = table[(table["scenario"] == name) & (table["metric"] == metric)]
            put(i, j, fixed(float(row["mean"].iloc[0]), unit, lang) if len(row) and row["n"].iloc[0] else NONE[lang])
        if against:  # every run of both pairs: the difference of the means is the mean paired difference
            mine, now = value(name), value(story.current)
            gap = float(mine.iloc[0]) - float(now.iloc[0]) if len(mine) and len(now) else math.nan
            put(i, columns, "0" if name == story.current and not math.isnan(gap) else fixed(gap, unit, lang, signed=True))
    # at the foot of the slide, its last line at the bottom margin: a table whose headers wrap (German) grows down
    note = slide.shapes.add_textbox(Inches(0.7), deck.slide_height - Inches(1.6), Inches(11.9), Inches(1.45))
    note.text_frame.word_wrap = True
    note.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    note.text_frame.text = t["deck_money_note"].format(reps=comparison.reps, unit=fixed(unit, 1.0, lang, story.currency))
    if sentence := valuation(comparison, story, lang):  # how much of it rests on the assumed link of trust to money
        note.text_frame.add_paragraph().text = sentence
    slide.notes_slide.notes_text_frame.text = " ".join(  # no room on the slide; the report has them too
        part for part in (fading(comparison, story, lang), unsettled(comparison, story, lang)) if part)
    for paragraph in note.text_frame.paragraphs:
        paragraph.font.size = Pt(11)
        paragraph.space_after = Pt(3)


def key_assumptions(comparison, story, lang: str = "en") -> list[str]:
    """The assumptions the argument leans on, in words, with the values this comparison ran with (the page as it
    is run now) and the first words of their source (the report's appendix has every parameter in full)."""
    from ..scenario import parameters

    t = TEXT[lang]
    sources = {r["key"]: r["source"] for r in parameters()}
    ran = comparison.manifest.get("scenarios", {}).get(story.current, {})
    lines = []
    size = count(ran.get("platform", {}).get("size_ref", 0), lang)  # the page size the reach base holds for
    for key in KEY_ASSUMPTIONS:
        section, name = key.split(".")
        x = ran.get(section, {}).get(name)
        if x is None or f"key_{key}" not in t:
            continue
        text = t[f"key_{key}"].format(x=decimal(x, "g", lang), pct=percent(x, 0, lang), currency=story.currency,
                                      per_year=percent(1 - (1 - x) ** 365, 0, lang) if 0 <= x <= 1 else "",
                                      size=size)
        first = source(key, sources[key], lang).split(";")[0].split(":")[0].strip()
        first = t["assumption"] if first.startswith("assumed") else cite(first, lang)
        lines.append(f"{text} ({t['source_short']}: {first})")
    return lines
