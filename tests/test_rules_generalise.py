"""Behaviours of the `rules` baseline added to generalise beyond dev (issue 14), each on
sentences written for the test, with the expected relations and dates computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from benchmark.baselines import predict_documents
from benchmark.baselines.rules import _merge
from benchmark.baselines.timex_rules import easter, find_timexes
from benchmark.model import Document
from tests.test_baselines import _relations_of


def _symmetric(found: set[tuple[str, str, str, str | None]]) -> set[tuple[object, ...]]:
    """Relations with the two arguments of a symmetric type as a set (the scorer's view)."""
    return {
        (t, frozenset((a, b)), d) if t in ("phoned", "met") else (t, a, b, d)
        for t, a, b, d in found
    }


@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2016, date(2016, 3, 27)), (2019, date(2019, 4, 21)), (2024, date(2024, 3, 31))],
)
def test_easter_sunday_follows_the_published_tables(year: int, sunday: date) -> None:
    """The computus gives the Easter Sundays printed in church calendars for those years."""
    assert sunday == easter(year)


def test_weekends_are_iso_weeks_with_we() -> None:
    """ "the Easter weekend" in a report of 2019-05-01 is Easter 2019-04-21's ISO week 16;
    "the weekend" in a report of Wednesday 2025-10-22 is the weekend of Oct 18-19, ISO week
    42 (both counted on a calendar)."""
    [easter_weekend] = find_timexes("He visited over the Easter weekend.", date(2019, 5, 1))
    assert ("the Easter weekend", "2019-W16-WE") == (easter_weekend.text, easter_weekend.value)
    [weekend] = find_timexes("They met over the weekend.", date(2025, 10, 22))
    assert ("the weekend", "2025-W42-WE") == (weekend.text, weekend.value)


def test_a_meeting_that_evening_is_dated_by_its_day() -> None:
    """ "that evening" after "on June 12" is the TIME 2025-06-12TEV, and the meeting it dates
    takes the day 2025-06-12 (a relation's date is never finer than a day)."""
    text = "Mr Ivo Dal met Mr Remo Ott on June 12 in Oslo. Mr Ivo Dal met Ms Lea Finn that evening."
    timexes = find_timexes(text, date(2025, 6, 20))
    assert ("that evening", "TIME", "2025-06-12TEV") == (
        timexes[-1].text,
        timexes[-1].type,
        timexes[-1].value,
    )
    found = _symmetric(_relations_of(text, "2025-06-20"))
    assert ("met", frozenset(("Ivo Dal", "Lea Finn")), "2025-06-12") in found


def test_the_most_specific_date_of_one_event_wins() -> None:
    """The same call dated "2025-07" by one sentence and "2025-07-09" by another is one
    relation of 2025-07-09; a call in another month, or in week 28 against a day of week 27,
    stays apart (July 9, 2025 is in ISO week 28)."""
    call = {"type": "phoned", "arg1": "a1", "arg2": "a2"}
    merged = _merge([{**call, "date": "2025-07"}, {**call, "date": "2025-07-09"}])
    assert [{**call, "date": "2025-07-09"}] == merged
    week = _merge([{**call, "date": "2025-W28"}, {**call, "date": "2025-07-09"}])
    assert [{**call, "date": "2025-07-09"}] == week
    apart = _merge(
        [{**call, "date": "2025-06"}, {**call, "date": "2025-W27"}, {**call, "date": "2025-07-09"}]
    )
    assert 3 == len(apart)


def test_called_is_a_call_only_when_it_phones_someone() -> None:
    """ "called him" and "called Prime Minister X" are calls; "called the talks
    constructive", "called for talks" and "the so-called Vienna format" are not. Monday of the
    week of Saturday 2025-10-25 is 2025-10-20."""
    found = _symmetric(
        _relations_of(
            "President Paul Marek called Prime Minister Ana Ruiz on Monday. "
            "Mr Olaf Brandt called the talks constructive. "
            "Mr Olaf Brandt called for talks with Ms Dina Rell. "
            "Ms Dina Rell, who backs the so-called Vienna format, praised Mr Olaf Brandt.",
            "2025-10-25",
        )
    )
    assert {("phoned", frozenset(("Paul Marek", "Ana Ruiz")), "2025-10-20")} == found


def test_a_headline_meeting_scrapped_is_not_emitted() -> None:
    """A headline's telegraphic passive ("Marek-Ruiz meeting scrapped") cancels the meeting."""
    found = _relations_of(
        "President Paul Marek and Ana Ruiz meeting scrapped\n\nThe two sides gave no reason.",
        "2025-10-25",
    )
    assert set() == found


def test_targets_listed_in_the_next_sentences_are_sanctioned_on_the_same_day() -> None:
    """ "Those targeted include A and B" and "C and D were sanctioned over ..." after "Norland
    on Tuesday imposed sanctions on 30 officials" are targets of Norland, dated that Tuesday
    (2025-10-21 for a report of Saturday 2025-10-25); a name inside a description ("head of
    the Borex Group") is not a target."""
    found = _relations_of(
        "Germany on Tuesday imposed sanctions on 30 officials over the crackdown. "
        "Those targeted include Mr Karl Vost, head of the Borex Group, and Ms Dina Rell. "
        "Mr Olaf Brandt and Mr Remo Ott were sanctioned over the election.",
        "2025-10-25",
    )
    tuesday = "2025-10-21"
    assert {
        ("sanctioned", "Germany", "Karl Vost", tuesday),
        ("sanctioned", "Germany", "Dina Rell", tuesday),
        ("sanctioned", "Germany", "Olaf Brandt", tuesday),
        ("sanctioned", "Germany", "Remo Ott", tuesday),
    } == found


def test_a_target_list_skips_descriptions_and_places_of_origin() -> None:
    """In "blacklisted seven officials, among them A, director of the B Agency, and C" the
    targets are A and C; in "on 20 people from Norway, Chile and Peru, including D" only D
    (the places say where the people come from). Friday before Saturday 2025-10-25 is
    2025-10-24."""
    friday = "2025-10-24"
    assert {
        ("sanctioned", "Treasury", "Karl Vost", friday),
        ("sanctioned", "Treasury", "Remo Ott", friday),
    } == _relations_of(
        "The Treasury on Friday blacklisted seven officials, among them Mr Karl Vost, director "
        "of the Borex Agency, and Mr Remo Ott.",
        "2025-10-25",
    )
    assert {("sanctioned", "Canada", "Dina Rell", friday)} == _relations_of(
        "Canada on Friday imposed sanctions on 20 people from Norway, Chile and Peru, "
        "including Ms Dina Rell.",
        "2025-10-25",
    )


def test_an_undated_sentence_goes_on_telling_the_event_before() -> None:
    """ "It also blacklisted A" right after a sanction dated Monday (2025-10-20) takes that
    date; "had previously sanctioned B" is an earlier event and stays undated."""
    found = _relations_of(
        "Canada on Monday imposed sanctions on Ms Dina Rell. "
        "Canada also blacklisted Mr Karl Vost. "
        "Canada had previously sanctioned Mr Remo Ott.",
        "2025-10-25",
    )
    assert {
        ("sanctioned", "Canada", "Dina Rell", "2025-10-20"),
        ("sanctioned", "Canada", "Karl Vost", "2025-10-20"),
        ("sanctioned", "Canada", "Remo Ott", None),
    } == found


def test_hours_later_is_the_day_of_its_anchor() -> None:
    """ "Hours later" after "on Dec 11" is 2025-12-11 (guidelines 5.8)."""
    timexes = find_timexes("They met on Dec 11. Hours later, he left.", date(2025, 12, 12))
    assert [("Dec 11", "2025-12-11"), ("Hours later", "2025-12-11")] == [
        (t.text, t.value) for t in timexes
    ]


def test_a_date_of_the_telling_or_of_a_later_event_does_not_date_the_call() -> None:
    """ "told reporters on Monday that he had spoken by phone with B" dates the telling, and
    "a day after A and B held a phone call" the later event: both calls are undated; the
    meeting "on Friday" is dated 2025-10-24 (report of Saturday 2025-10-25)."""
    found = _symmetric(
        _relations_of(
            "Mr Ivo Dal told reporters on Monday that he had spoken by phone with Mr Remo Ott. "
            "The talks came a day after Ms Lea Finn and Ms Dina Rell held a phone call. "
            "Ms Lea Finn met Mr Olaf Brandt on Friday.",
            "2025-10-25",
        )
    )
    assert {
        ("phoned", frozenset(("Ivo Dal", "Remo Ott")), None),
        ("phoned", frozenset(("Lea Finn", "Dina Rell")), None),
        ("met", frozenset(("Lea Finn", "Olaf Brandt")), "2025-10-24"),
    } == found


def test_a_summit_told_again_with_its_host_relates_everyone() -> None:
    """ "A and B held talks on Monday at a summit. The summit, hosted by C and attended by D,
    ..." : the four met pairwise (six pairs, counted by hand) on Monday 2025-10-20."""
    found = _symmetric(
        _relations_of(
            "President Paul Marek and Prime Minister Ana Ruiz held talks on Monday at a summit "
            "in Vienna. The summit, hosted by Chancellor Olaf Brandt and attended by President "
            "Dina Rell, was the first in years.",
            "2025-10-25",
        )
    )
    people = ("Paul Marek", "Ana Ruiz", "Olaf Brandt", "Dina Rell")
    expected = {
        ("met", frozenset((a, b)), "2025-10-20")
        for i, a in enumerate(people)
        for b in people[i + 1 :]
    }
    assert 6 == len(expected)
    assert expected == found


def test_a_dinner_meeting_and_a_headline_with_two_clauses() -> None:
    """ "A and B agreed over dinner on Saturday" is a meeting (2025-10-25, the DCT), and the
    headline's semicolon keeps C out of it: C's meeting was scrapped."""
    found = _symmetric(
        _relations_of(
            "Marek and Ruiz agree truce over dinner; Brandt meeting scrapped\n\n"
            "President Paul Marek and Prime Minister Ana Ruiz agreed over dinner on Saturday "
            "to settle the row.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Paul Marek", "Ana Ruiz")), "2025-10-25")} == found


def test_an_envoy_named_after_a_long_apposition_and_one_chosen() -> None:
    """ "named A, a ... who ..., as his special envoy" and "picked B to serve as ambassador"
    are two appointments by the president, both on Tuesday 2025-10-21 (report of Saturday
    2025-10-25)."""
    found = _relations_of(
        "President Paul Marek on Tuesday named Karl Vost, a shipping executive who once ran the "
        "port authority of the capital, as his special envoy to the Arctic, hours after he "
        "picked former senator Dina Rell to serve as ambassador to Chile.",
        "2025-10-25",
    )
    assert {
        ("named_envoy", "Paul Marek", "Karl Vost", "2025-10-21"),
        ("named_envoy", "Paul Marek", "Dina Rell", "2025-10-21"),
    } == found


def test_an_appointment_is_dated_by_its_announcement_and_told_once() -> None:
    """The headline's "UN chief names A" and the body's "Secretary-General X has appointed A"
    are one appointment by X, dated by "his spokesman announced the appointment on Friday"
    (2025-10-24), not by A's own statement on Saturday."""
    found = _relations_of(
        "UN chief names Karl Vost envoy on the Arctic\n\n"
        "Secretary-General Anna Berg has appointed Karl Vost as her special envoy on the "
        "Arctic. Her spokesman, Remo Ott, announced the appointment on Friday. Vost said on "
        "Saturday that he was honoured.",
        "2025-10-25",
    )
    assert {("named_envoy", "Anna Berg", "Karl Vost", "2025-10-24")} == found


def test_meetings_due_or_needing_preparation_are_not_actual() -> None:
    """ "is due to meet" and "a meeting between A and B would need preparation" are plans."""
    assert set() == _relations_of(
        "President Paul Marek is due to meet Prime Minister Ana Ruiz on Friday. "
        "A meeting between Paul Marek and Ana Ruiz would need careful preparation.",
        "2025-10-25",
    )


def test_the_body_that_takes_the_step_stands_for_its_state() -> None:
    """ "The United States on Friday imposed sanctions on A and B. Hours later, the Treasury
    Department blocked all assets of A and B held in American banks": one relation per
    target with the Treasury as sanctioner (guidelines 6.6), on Friday 2025-10-24; the
    state-level sentence is evidence, not a relation of its own."""
    found = _relations_of(
        "The United States on Friday imposed sanctions on Mr Karl Vost and Ms Dina Rell. "
        "Hours later, the Treasury Department blocked all assets of Vost and Rell held in "
        "American banks.",
        "2025-10-25",
    )
    assert {
        ("sanctioned", "Treasury Department", "Karl Vost", "2025-10-24"),
        ("sanctioned", "Treasury Department", "Dina Rell", "2025-10-24"),
    } == found


def test_states_in_an_apposition_are_not_sanctioners() -> None:
    """In "Norway on Monday imposed asset freezes on 40 people from Chile, Peru and Cuba, the
    broadest sanctions it has ever adopted", the places are neither targets nor sanctioners."""
    assert set() == _relations_of(
        "Norway on Monday imposed asset freezes on 40 people from Chile, Peru and Cuba, the "
        "broadest sanctions it has ever adopted.",
        "2025-10-25",
    )


def test_an_administration_is_its_state_and_his_is_the_subject() -> None:
    """ "The Marek administration on Monday imposed sanctions on Borex Group" is a sanction by
    the United States government (the word's usage in English news), dated 2025-10-20; in
    "Marek named Karl Vost, a general who advised him, as his special envoy", "him" and "his"
    are the subject Marek, so Vost is named by Marek."""
    found = _relations_of(
        "The Marek administration on Monday imposed sanctions on Borex Group.",
        "2025-10-25",
    )
    assert {("sanctioned", "The Marek administration", "Borex Group", "2025-10-20")} == found
    doc = (
        "President Paul Marek on Monday named Karl Vost, a general who advised him, as his "
        "special envoy."
    )
    assert {("named_envoy", "Paul Marek", "Karl Vost", "2025-10-20")} == _relations_of(
        doc, "2025-10-25"
    )
    from benchmark.baselines.rules import analyse
    from benchmark.model import Document

    analysis = analyse(Document("p", doc, "2025-10-25", "test"))
    actor_of = {doc[m.start : m.end]: analysis.actors[m.actor].name for m in analysis.mentions}
    assert ("Paul Marek", "Paul Marek") == (actor_of["him"], actor_of["his"])


def test_person_names_with_church_titles_particles_and_no_law_as_a_person() -> None:
    """ "Cardinal Ana Costa" is the person "Ana Costa" (the title is outside, guidelines 4.2),
    "Commission President Ursula von der Mark" and "interim President Omar al-Rashid" are
    whole names, and "the Borex Act" or "Nord Stream" are no people."""
    from benchmark.baselines.rules import analyse
    from benchmark.model import Document

    text = (
        "Cardinal Ana Costa met Commission President Ursula von der Mark and interim "
        "President Omar al-Rashid in Rome. Lawmakers cited the Borex Act and the Nord Stream "
        "pipeline."
    )
    analysis = analyse(Document("p", text, "2025-10-25", "test"))
    people = {text[m.start : m.end] for m in analysis.mentions if m.type == "PER"}
    assert {"Ana Costa", "Ursula von der Mark", "Omar al-Rashid"} == people


def test_first_person_pronouns_in_a_quotation_are_its_speaker() -> None:
    """In '"I spoke with him," Mr Ivo Dal said' and 'Mr Ivo Dal said: "My door is open."' the
    "I" and "My" are Ivo Dal; in '"We will respond," the Treasury said' "We" is the Treasury;
    a person's "we" is left alone."""
    from benchmark.baselines.rules import analyse
    from benchmark.model import Document

    text = (
        '"I spoke with him," Mr Ivo Dal said. Mr Ivo Dal said: "My door is open." '
        '"We will respond," the Treasury said. "We agreed," Mr Remo Ott said.'
    )
    analysis = analyse(Document("p", text, "2025-10-25", "test"))
    found = {
        (m.start, text[m.start : m.end], analysis.actors[m.actor].name)
        for m in analysis.mentions
        if text[m.start : m.end] in ("I", "My", "We")
    }
    assert {
        (1, "I", "Ivo Dal"),
        (text.index("My"), "My", "Ivo Dal"),
        (text.index("We"), "We", "Treasury Department"),
    } == found


def test_a_titled_nominal_and_a_possessor_who_is_no_participant() -> None:
    """After "Cardinal Anabella Costa", "The cardinal met Marek's adviser Karl Vost on Wednesday" is
    a meeting of Costa and Vost (Marek only qualifies the adviser), on 2025-10-22 for a
    report of Saturday 2025-10-25; "Marek's summit with Ruiz" is Marek's own."""
    found = _symmetric(
        _relations_of(
            "Cardinal Anabella Costa arrived in Oslo with President Paul Marek. "
            "The cardinal met Marek's adviser Karl Vost on Wednesday. "
            "Marek's second summit with Prime Minister Ana Ruiz ended on Thursday.",
            "2025-10-25",
        )
    )
    assert {
        ("met", frozenset(("Anabella Costa", "Karl Vost")), "2025-10-22"),
        ("met", frozenset(("Paul Marek", "Ana Ruiz")), "2025-10-23"),
    } == found


def test_a_state_named_by_its_government_or_side() -> None:
    """ "the Norwegian government" and "the Norwegian side" are Norway (GPE), "the Norwegian
    foreign ministry" an organisation of its own (guidelines 3: a government is its state)."""
    from benchmark.baselines.rules import analyse
    from benchmark.model import Document

    text = (
        "The Norwegian government protested. The Norwegian side said the Norwegian foreign "
        "ministry would reply."
    )
    analysis = analyse(Document("p", text, "2025-10-25", "test"))
    spans = {
        (text[m.start : m.end], m.type, analysis.actors[m.actor].name)
        for m in analysis.mentions
        if m.level == "NOM"
    }
    assert {
        ("The Norwegian government", "GPE", "Norway"),
        ("The Norwegian side", "GPE", "Norway"),
        ("the Norwegian foreign ministry", "ORG", "Norway foreign ministry"),
    } == spans


def test_their_meeting_time_spent_with_and_plans_in_the_coming_days() -> None:
    """ "A held talks with B on Friday, their fourth meeting since spring, as C ..." relates A
    B only (Friday 2025-10-24); "A spent three hours with D on Tuesday" is a meeting
    (2025-10-21); "had settled on a summit in the coming days" is a plan."""
    found = _symmetric(
        _relations_of(
            "Ms Lea Finn held talks with President Paul Marek on Friday, their fourth meeting "
            "since spring, as Prime Minister Ana Ruiz pressed for a deal. "
            "Ms Lea Finn spent the afternoon with Mr Karl Vost on Tuesday. "
            "Mr Remo Ott said Marek and Ruiz had settled on a summit in the coming "
            "days.",
            "2025-10-25",
        )
    )
    assert {
        ("met", frozenset(("Lea Finn", "Paul Marek")), "2025-10-24"),
        ("met", frozenset(("Lea Finn", "Karl Vost")), "2025-10-21"),
    } == found


def test_a_date_before_a_day_after_dates_the_main_event_only() -> None:
    """In "A phoned B on Wednesday, a day after C met B in Oslo", Wednesday (2025-10-22)
    dates the call; the meeting is the day before only by subtraction, so it is undated."""
    found = _symmetric(
        _relations_of(
            "President Paul Marek spoke by phone with Ms Lea Finn on Wednesday, a day after "
            "Mr Karl Vost met Finn in Oslo.",
            "2025-10-25",
        )
    )
    assert {
        ("phoned", frozenset(("Paul Marek", "Lea Finn")), "2025-10-22"),
        ("met", frozenset(("Karl Vost", "Lea Finn")), None),
    } == found


def test_the_subject_relaxes_a_unions_sanctions_and_names_an_envoy_in_a_second_clause() -> None:
    """ "A has begun to relax EU sanctions on B, and in May appointed a special envoy, C": A
    acts on the sanctions (the EU is whose they are, guidelines 6.6) and names C; the sanction
    has no date of its own, the appointment is May 2025 (DCT 2025-12-12), and C is no
    sanction target."""
    found = _relations_of(
        "Chancellor Karl Vost has begun to relax EU sanctions on Norland, and in May appointed "
        "a special envoy, Ms Lea Pale, to lead talks with Mr Ivo Dal.",
        "2025-12-12",
    )
    assert {
        ("sanctioned", "Karl Vost", "Norland", None),
        ("named_envoy", "Karl Vost", "Lea Pale", "2025-05"),
    } == found


def test_a_present_perfect_sanction_does_not_borrow_a_date() -> None:
    """ "A has begun to relax sanctions on C" after "A on Thursday imposed sanctions on B" is
    not dated by the Thursday (2025-12-11): a present perfect is no particular day."""
    found = _relations_of(
        "Mr Karl Vost on Thursday imposed sanctions on Borex Group. "
        "Mr Karl Vost has begun to relax sanctions on Norland.",
        "2025-12-12",
    )
    assert {
        ("sanctioned", "Karl Vost", "Borex Group", "2025-12-11"),
        ("sanctioned", "Karl Vost", "Norland", None),
    } == found


def test_a_target_list_ends_where_another_clause_begins() -> None:
    """In "The European Union on Friday imposed sanctions on A, and the United States said it
    would follow" the United States is no target; "also named" after a sanction is no
    sanction. Friday before Friday 2025-12-12 is the DCT itself."""
    found = _relations_of(
        "The European Union on Friday imposed sanctions on Mr Ivo Dal, and the United States "
        "said it would follow. Mr Karl Vost also named a special envoy, Mr Remo Ott.",
        "2025-12-12",
    )
    assert ("sanctioned", "European Union", "Ivo Dal", "2025-12-12") in found
    assert not [r for r in found if r[0] == "sanctioned" and r[2] != "Ivo Dal"]


def test_subjects_agreeing_after_talks_met_and_a_denied_report_is_no_call() -> None:
    """ "A and B agreed on Thursday to a truce, after talks in Vienna" is a meeting of A and
    B (2025-10-23); "rejected claims that C had phoned D" is no call (guidelines 6.5)."""
    found = _symmetric(
        _relations_of(
            "President Paul Marek and Prime Minister Ana Ruiz agreed on Thursday to a truce, "
            "after talks in Vienna that lasted six hours. Mr Remo Ott rejected claims "
            "that Mr Karl Vost had also phoned Ms Dina Rell.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Paul Marek", "Ana Ruiz")), "2025-10-23")} == found


def test_a_call_held_with_someone_and_a_surname_after_its_particle() -> None:
    """ "After a telephone conversation that A had with B" is a call of A and B; "Omar
    al-Rashid" is later "Rashid", who met C on Saturday (the DCT 2025-10-25)."""
    found = _symmetric(
        _relations_of(
            "After a telephone conversation that President Paul Marek had with Ms Dina "
            "Rell, the two agreed on a plan. Interim President Omar al-Rashid arrived in Oslo. "
            "Rashid also met Prime Minister Ana Ruiz on Saturday.",
            "2025-10-25",
        )
    )
    assert ("phoned", frozenset(("Paul Marek", "Dina Rell")), None) in found
    assert ("met", frozenset(("Omar al-Rashid", "Ana Ruiz")), "2025-10-25") in found


def test_coordinated_participants_and_listed_designations() -> None:
    """ "A and B met C in Berlin on Friday" is one meeting of three (three pairs, Friday
    2025-10-24); "added 12 people to its sanctions list, including D and E Group" lists D and
    E; "OFAC said on Thursday it had designated F" is a Treasury step (guidelines 6.6: an
    office acts for its department) of that Thursday, 2025-10-23."""
    found = _symmetric(
        _relations_of(
            "British Prime Minister Ana Ruiz and French President Tomas Berg met German "
            "Chancellor Lina Farouk in Berlin on Friday.",
            "2025-10-25",
        )
    )
    friday = "2025-10-24"
    assert {
        ("met", frozenset(("Ana Ruiz", "Tomas Berg")), friday),
        ("met", frozenset(("Ana Ruiz", "Lina Farouk")), friday),
        ("met", frozenset(("Tomas Berg", "Lina Farouk")), friday),
    } == found
    assert {
        ("sanctioned", "European Union", "Omar Haddad", "2025-10-20"),
        ("sanctioned", "European Union", "Borex Group", "2025-10-20"),
    } == _relations_of(
        "The European Union on Monday added 12 people to its sanctions list, including Omar "
        "Haddad and the Borex Group.",
        "2025-10-25",
    )
    assert {("sanctioned", "Treasury Department", "Omar Haddad", "2025-10-23")} == _relations_of(
        "The Treasury Department's Office of Foreign Assets Control said on Thursday it had "
        "designated Omar Haddad under its sanctions program.",
        "2025-10-25",
    )


def test_a_call_with_the_main_clauses_subject_and_a_planned_trip_to_meet() -> None:
    """ "In a call with A on Monday, B urged restraint" is a call of A and B (2025-10-20);
    "A will travel to Oslo next week to meet B" is a plan, not a meeting."""
    assert {("phoned", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-10-20")} == _symmetric(
        _relations_of(
            "In a call with President Tomas Berg on Monday, Prime Minister Ana Ruiz urged "
            "restraint.",
            "2025-10-25",
        )
    )
    assert set() == _relations_of(
        "President Tomas Berg will travel to Oslo next week to meet Prime Minister Ana Ruiz.",
        "2025-10-25",
    )


def test_an_also_sanctioned_target_a_speakers_clause_and_a_cancelled_summit() -> None:
    """ "X, was also sanctioned" after the Treasury's Thursday sanctions is a Treasury target
    of that Thursday (2025-10-23); ", Treasury Secretary Y said" ends a target list; "the
    summit between A and B was cancelled" is no meeting."""
    assert {
        ("sanctioned", "Treasury Department", "Borex Group", "2025-10-23"),
        ("sanctioned", "Treasury Department", "Omar Haddad", "2025-10-23"),
    } == _relations_of(
        "The Treasury Department imposed sanctions on Borex Group on Thursday. The company's "
        "chief executive, Omar Haddad, was also sanctioned.",
        "2025-10-25",
    )
    assert {
        ("sanctioned", "United States", "Borex Group", "2025-10-22"),
    } == _relations_of(
        "The United States is sanctioning Borex Group, Treasury Secretary Omar Haddad said on "
        "Wednesday.",
        "2025-10-25",
    )
    assert set() == _relations_of(
        "The summit between President Tomas Berg and Prime Minister Ana Ruiz was cancelled on "
        "Monday.",
        "2025-10-25",
    )


def _mention_types(text: str) -> dict[str, str]:
    """Surface -> type of every mention the rules find in a made-up article."""
    [line] = predict_documents("rules", [Document("new", text, "2025-10-25", "test")])
    return {text[m["start"] : m["end"]]: m["type"] for m in line["mentions"]}


def test_a_place_based_firm_is_the_target_and_not_its_place() -> None:
    """In "sanctions on a Cyprus-based shipping company, Marlow Shipping, and on the tanker
    Blue Heron" the target is the firm: "Cyprus-based" only says where it sits, a name ending
    in a company word is a firm (ORG), and a tanker is no person. Tuesday before Saturday
    2025-10-25 is 2025-10-21."""
    text = (
        "Canada on Tuesday imposed sanctions on a Cyprus-based shipping company, Marlow "
        "Shipping, and on the tanker Blue Heron."
    )
    assert {("sanctioned", "Canada", "Marlow Shipping", "2025-10-21")} == _relations_of(
        text, "2025-10-25"
    )
    types = _mention_types(text)
    assert "ORG" == types["Marlow Shipping"]
    assert "Blue Heron" not in types


def test_wire_services_and_firms_named_by_their_noun_are_organisations() -> None:
    """A wire service ("told Interfax", "Xinhua reported") and a firm named after its noun
    ("oil producer Tarvex", "the lender Norbank") are organisations, never people."""
    types = _mention_types(
        "Minister Ana Ruiz told Interfax on Monday that oil producer Tarvex would leave. "
        "Xinhua reported that the lender Norbank said the same."
    )
    assert {"Interfax": "ORG", "Xinhua": "ORG", "Tarvex": "ORG", "Norbank": "ORG"} == {
        k: types.get(k) for k in ("Interfax", "Xinhua", "Tarvex", "Norbank")
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Ana Ruiz was scheduled to meet President Tomas Berg in Lisbon.",
        "Prime Minister Ana Ruiz is set to meet President Tomas Berg on Sunday.",
        "Prime Minister Ana Ruiz was to meet President Tomas Berg on Sunday.",
        "Prime Minister Ana Ruiz was due in Lisbon on Saturday to meet President Tomas Berg.",
        "A meeting between Prime Minister Ana Ruiz and President Tomas Berg was set for Sunday.",
    ],
)
def test_scheduled_meetings_are_not_actual(sentence: str) -> None:
    """A meeting that is scheduled, set, "was to" happen or that someone "was due" somewhere to
    hold is a plan (future), not an actual meeting."""
    assert set() == _relations_of(sentence, "2025-10-25")


def test_a_relative_clause_of_a_plan_neither_blocks_nor_joins_the_main_event() -> None:
    """In "A, who had been due to meet B, instead held talks with C on Friday" the talks are
    A's with C (Friday 2025-10-24): B is in the relative clause, and the plan it tells does
    not make the talks a plan."""
    found = _symmetric(
        _relations_of(
            "Prime Minister Ana Ruiz, who had been due to meet President Tomas Berg, instead "
            "held talks with Chancellor Lina Farouk on Friday.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Ana Ruiz", "Lina Farouk")), "2025-10-24")} == found


def test_the_call_told_before_is_no_second_call() -> None:
    """ "The call was followed by a meeting between C and D on Friday" retells the call of the
    sentence before (Thursday 2025-10-23) and adds the meeting of C and D (Friday 2025-10-24);
    "his Norwegian counterpart Lars Dahl" is Dahl himself, not the person "his" refers to."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg spoke by phone with President Ana Ruiz on Thursday. The call "
            "was followed by a meeting between Foreign Minister Omar Haddad and his Norwegian "
            "counterpart Lars Dahl on Friday.",
            "2025-10-25",
        )
    )
    assert {
        ("phoned", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-10-23"),
        ("met", frozenset(("Omar Haddad", "his Norwegian counterpart")), "2025-10-24"),
    } == found


def test_a_headline_naming_an_envoy_as_someone_else_steps_down() -> None:
    """ "Berg names trade envoy as Haddad steps down": Haddad is the subject of another clause,
    not the appointee; the body names the appointee (Dahl, on Wednesday 2025-10-22)."""
    found = _relations_of(
        "Berg names trade envoy as Haddad steps down\n\n"
        "OSLO, Oct 25 - President Tomas Berg on Wednesday named Lars Dahl as his trade envoy, "
        "replacing Omar Haddad.",
        "2025-10-25",
    )
    assert {("named_envoy", "Tomas Berg", "Lars Dahl", "2025-10-22")} == found


def test_the_following_day_counts_from_the_event_not_its_telling_or_its_offset_anchor() -> None:
    """ "arrived on April 3, the ministry said on Tuesday. ... the following day" is April 4
    (the arrival's next day, not the saying's); "landed on April 14, two days after a vote on
    April 10. ... two days later" is April 16 (counted from the landing, not from the vote);
    a saying told alone ("said on March 2. The following day") still anchors: March 3."""
    dct = date(2025, 5, 20)
    told = find_timexes(
        "Ms Ana Ruiz arrived in Oslo on April 3, the ministry said on Tuesday. She met Mr Lars "
        "Dahl the following day.",
        dct,
    )
    assert ("the following day", "2025-04-04") == (told[-1].text, told[-1].value)
    counted = find_timexes(
        "Ms Ana Ruiz landed in Oslo on April 14, two days after a vote on April 10. She met Mr "
        "Lars Dahl two days later.",
        dct,
    )
    assert ("two days later", "2025-04-16") == (counted[-1].text, counted[-1].value)
    alone = find_timexes(
        "Mr Lars Dahl said on March 2 that the talks went well. The following day he left.", dct
    )
    assert ("The following day", "2025-03-03") == (alone[-1].text, alone[-1].value)


def test_talks_the_subjects_held_at_in_or_during_are_a_meeting() -> None:
    """ "A and B agreed at talks in Lima on Tuesday" and "..., in their first face-to-face talks
    in two years" are meetings of A and B (Tuesday 2025-10-21; Monday 2025-10-20): "agreed
    at" reports what the meeting settled, and "face-to-face" is no infinitive mandate."""
    assert {("met", frozenset(("Ana Ruiz", "Tomas Berg")), "2025-10-21")} == _symmetric(
        _relations_of(
            "Prime Minister Ana Ruiz and President Tomas Berg agreed at talks in Lima on "
            "Tuesday to reopen their border.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Ana Ruiz", "Tomas Berg")), "2025-10-20")} == _symmetric(
        _relations_of(
            "Prime Minister Ana Ruiz and President Tomas Berg agreed on Monday to reopen their "
            "border, in their first face-to-face talks in two years.",
            "2025-10-25",
        )
    )


def test_a_dateline_city_and_a_named_body_are_no_people() -> None:
    """The dateline's city told again ("south of Santa Rosa") is the city, and a body whose
    name ends in "Cooperation" or "Service" is an organisation."""
    types = _mention_types(
        "SANTA ROSA, Oct 25 - Leaders met south of Santa Rosa for the Pacific Rim Cooperation "
        "forum, guarded by the Coastal Rescue Service."
    )
    assert ("GPE", "ORG", "ORG") == (
        types.get("Santa Rosa"),
        types.get("Pacific Rim Cooperation"),
        types.get("Coastal Rescue Service"),
    )


def test_a_summit_that_is_discussed_is_a_topic_not_a_meeting() -> None:
    """ "A and B discussed last month's summit of the bloc" in a call on Monday (2025-10-20) is
    the call only: the summit is what they talked about."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg spoke by phone with Prime Minister Ana Ruiz on Monday. The two "
            "leaders discussed last month's summit of the bloc in Lima.",
            "2025-10-25",
        )
    )
    assert {("phoned", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-10-20")} == found


def test_a_day_of_that_year_takes_the_year_last_written_out() -> None:
    """ "in March 2021 ... on Dec 2 of that year" in a report of 2025 is 2021-12-02, and
    "in June the same year" is 2021-06 (not the years nearest the publication date)."""
    found = find_timexes(
        "They met in March 2021 and last spoke on Dec 2 of that year. A deal followed in June "
        "the same year.",
        date(2025, 10, 25),
    )
    assert [("Dec 2 of that year", "2021-12-02"), ("June the same year", "2021-06")] == [
        (t.text, t.value) for t in found[1:]
    ]


def test_an_apposition_and_a_possessor_before_a_verb_are_not_its_subject() -> None:
    """ "A, a close ally of President B, flew to Lima at the president's request and met C" is
    a meeting of A and C (last month: 2025-09 in a report of October 2025)."""
    found = _symmetric(
        _relations_of(
            "Last month, Senator Lars Dahl, a close ally of President Tomas Berg, flew to Lima at "
            "the president's request and met Prime Minister Ana Ruiz.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Lars Dahl", "Ana Ruiz")), "2025-09")} == found


def test_a_patronym_is_not_a_surname_and_yet_to_is_negated() -> None:
    """ "King Faisal" and "Crown Prince Khalid bin Faisal" are two people (bin Faisal names the
    father), so the call on Thursday (2025-10-23) is with the king; "has yet to speak by phone
    with Prince Khalid" reports no call."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg spoke by phone with King Faisal on Thursday. Berg has yet to "
            "speak by phone with Crown Prince Khalid bin Faisal.",
            "2025-10-25",
        )
    )
    assert {("phoned", frozenset(("Tomas Berg", "Faisal")), "2025-10-23")} == found


def test_a_headline_says_clause_ends_the_target_list() -> None:
    """ "Canada imposes sanctions on Vexo Group, says Omar Haddad is next" sanctions the group
    only (the headline's elided "says" starts a clause of its own)."""
    found = _relations_of(
        "Canada imposes sanctions on Vexo Group, says Omar Haddad is next\n\nThe move was "
        "announced.",
        "2025-10-25",
    )
    assert {("sanctioned", "Canada", "Vexo Group", None)} == found


def test_sanctions_on_a_states_sector_are_on_the_state() -> None:
    """ "sanctions on Chile's copper exports" are sanctions on Chile (Monday 2025-10-20); the
    possessor of a named body ("Chile's State Mining Board") stays out of the targets."""
    assert {("sanctioned", "Canada", "Chile", "2025-10-20")} == _relations_of(
        "Canada on Monday imposed sanctions on Chile's copper exports.", "2025-10-25"
    )
    assert {("sanctioned", "Canada", "State Mining Board", "2025-10-20")} == _relations_of(
        "Canada on Monday imposed sanctions on Chile's State Mining Board.", "2025-10-25"
    )


def test_a_states_earlier_step_stays_its_own_and_namesakes_are_two_people() -> None:
    """Under a WASHINGTON dateline, "Washington had imposed sanctions on A on Feb. 3" is the
    United States' own step of 2025-02-03, not folded into the Treasury's of Monday
    (2025-10-20); "Omar Haddad" and "Sami Haddad" are two people; "The general was first
    blacklisted by the Treasury in May 2019" is a Treasury step of 2019-05 on General Haddad."""
    found = _relations_of(
        "WASHINGTON, Oct 25 - The Treasury Department on Monday blacklisted General Omar Haddad "
        "and his cousin Sami Haddad. Washington had imposed sanctions on Omar Haddad on Feb. 3. "
        "The general was first blacklisted by the Treasury in May 2019.",
        "2025-10-25",
    )
    assert {
        ("sanctioned", "Treasury Department", "Omar Haddad", "2025-10-20"),
        ("sanctioned", "Treasury Department", "Sami Haddad", "2025-10-20"),
        ("sanctioned", "Washington", "Omar Haddad", "2025-02-03"),
        ("sanctioned", "Treasury Department", "Omar Haddad", "2019-05"),
    } == found


def test_two_coordinated_subjects_talk_to_each_other_not_to_the_next_clause() -> None:
    """ "A and B talked by phone two days later, and C flew to Lima" is a call of A and B, two
    days after the Oct 6 threat (2025-10-08); C is the subject of another clause."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg first threatened tariffs on Oct 6. Prime Minister Ana Ruiz and "
            "Berg talked by phone two days later, and Chancellor Lina Farouk flew to Lima.",
            "2025-10-25",
        )
    )
    assert {("phoned", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-10-08")} == found


def test_an_appointee_after_a_job_noun_and_his_in_an_apposition() -> None:
    """ "picked television producer A" appoints a person (a producer of television is no
    firm, unlike an "aluminium producer"); in "also chose B, a banker and his former
    ambassador to Peru, as envoy" the nominal is B and "his" the subject's, and "also" goes on
    telling that Sunday (before Wednesday 2025-10-22: 2025-10-19)."""
    found = _relations_of(
        "President Tomas Berg on Sunday picked television producer Lars Dahl as special envoy "
        "to Norway. Berg also chose Omar Haddad, a banker and his former ambassador to Peru, as "
        "envoy to Chile.",
        "2025-10-22",
    )
    assert {
        ("named_envoy", "Tomas Berg", "Lars Dahl", "2025-10-19"),
        ("named_envoy", "Tomas Berg", "his former ambassador", "2025-10-19"),
    } == found
    types = _mention_types("The sanctions hit aluminium producer Vexal, the ministry said.")
    assert "ORG" == types.get("Vexal")


def test_an_opening_offset_dates_the_main_clause_and_a_relative_clause_dates_nothing() -> None:
    """ "The vote was on Oct 3. Five days after the vote, A flew to Lima for talks with B, who
    has backed him since the March election" is a meeting of 2025-10-08 (Oct 3 plus five
    days); March dates the backing, not the talks."""
    found = _symmetric(
        _relations_of(
            "The vote was held on Oct 3. Five days after the vote, President Tomas Berg flew to "
            "Lima for talks with Prime Minister Ana Ruiz, who has backed him since the March "
            "election.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-10-08")} == found


def test_met_and_again_is_two_meetings() -> None:
    """ "A met B in Oslo last month and again in Lima on Oct 2" is two meetings: 2025-09 and
    2025-10-02."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg met Prime Minister Ana Ruiz in Oslo last month and again in "
            "Lima on Oct 2.",
            "2025-10-25",
        )
    )
    pair = frozenset(("Tomas Berg", "Ana Ruiz"))
    assert {("met", pair, "2025-09"), ("met", pair, "2025-10-02")} == found


def test_whom_clause_appointee_and_its_date_stay_in_the_clause() -> None:
    """ "A, whom President B appointed special envoy on Sept. 9, met C in Lima on Thursday":
    B appointed A on 2025-09-09, and A met C on Thursday 2025-10-23 (not on the clause's
    date, and B is no party to the meeting)."""
    found = _symmetric(
        _relations_of(
            "Lars Dahl, whom President Tomas Berg appointed special envoy for the Andes on Sept. "
            "9, met Prime Minister Ana Ruiz in Lima on Thursday.",
            "2025-10-25",
        )
    )
    assert {
        ("named_envoy", "Tomas Berg", "Lars Dahl", "2025-09-09"),
        ("met", frozenset(("Lars Dahl", "Ana Ruiz")), "2025-10-23"),
    } == found


def test_talks_with_a_movement_and_a_confirmation_day() -> None:
    """ "The ministry on Wednesday confirmed that A has held direct talks with Hezbollah" is a
    meeting of A with the organisation, undated (Wednesday dates the confirmation); "sanctions
    on four Hezbollah financiers" do not target the movement itself."""
    assert {("met", frozenset(("Lars Dahl", "Hezbollah")), None)} == _symmetric(
        _relations_of(
            "The ministry on Wednesday confirmed that envoy Lars Dahl has held direct talks with "
            "Hezbollah.",
            "2025-10-25",
        )
    )
    assert set() == _relations_of(
        "Canada on Monday imposed sanctions on four Hezbollah financiers.", "2025-10-25"
    )


def test_talks_with_a_single_surname_name_a_person() -> None:
    """ "held talks with Ruiz" makes "Ruiz" a person even without a title or first name: a
    meeting on Jan. 8 (2025-01-08)."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg visited Lima on Jan. 8, where he held talks with Ruiz.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Tomas Berg", "Ruiz")), "2025-01-08")} == found


def test_a_cancelled_summit_in_a_headline_and_a_states_firms() -> None:
    """ "Berg cancels Ruiz summit" reports no meeting; "sanctions on Chile's two biggest oil
    companies, Andex and Cuprum" target the two firms, not Chile (Wednesday 2025-10-22)."""
    assert set() == _relations_of(
        "President Tomas Berg cancels Prime Minister Ana Ruiz summit\n\nNo reason was given.",
        "2025-10-25",
    )
    assert {
        ("sanctioned", "Canada", "Andex", "2025-10-22"),
        ("sanctioned", "Canada", "Cuprum", "2025-10-22"),
    } == _relations_of(
        "Canada on Wednesday imposed sanctions on Chile's two biggest oil companies, Andex "
        "and Cuprum.",
        "2025-10-25",
    )


def test_targeted_with_sanctions_appointed_someones_envoy_and_a_refusal() -> None:
    """ "Canada targeted A and B with new sanctions on Tuesday" sanctions both (2025-10-21);
    "C was appointed Berg's personal envoy for Peru in June" is Berg's appointment of C
    (2025-06); "Ruiz had refused to meet him" is no meeting."""
    found = _relations_of(
        "Canada targeted Omar Haddad and Sami Kassem with new sanctions on Tuesday. Lars Dahl was "
        "appointed Berg's personal envoy for Peru in June. President Tomas Berg said Prime "
        "Minister Ana Ruiz had refused to meet him.",
        "2025-10-25",
    )
    assert {
        ("sanctioned", "Canada", "Omar Haddad", "2025-10-21"),
        ("sanctioned", "Canada", "Sami Kassem", "2025-10-21"),
        ("named_envoy", "Tomas Berg", "Lars Dahl", "2025-06"),
    } == found


def test_the_two_held_talks_is_a_new_event_and_one_event_is_one_relation() -> None:
    """ "The two held talks on Monday" after the two are named is their meeting (2025-10-20),
    not a back-reference like "The call lasted an hour"; a meeting told by "hosted" and then
    "The leaders held talks" is one relation, not two copies."""
    found = _relations_of(
        "President Tomas Berg and Prime Minister Ana Ruiz were together in Lima. The two held "
        "talks on Monday.",
        "2025-10-25",
    )
    assert {("met", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-10-20")} == _symmetric(found)
    doc = Document(
        "new",
        "President Tomas Berg hosted Prime Minister Ana Ruiz on Monday. The leaders held talks "
        "on trade.",
        "2025-10-25",
        "test",
    )
    [line] = predict_documents("rules", [doc])
    assert 1 == len(line["relations"])


def test_froze_the_assets_of_hit_with_sanctions_by_and_another_actors_step() -> None:
    """ "Japan froze the assets of A on Friday" (2025-10-24); "B was hit with sanctions by
    Australia on Thursday" (2025-10-23); "Canada imposed a travel ban on C" right after is
    Canada's own step, which no date of Japan's dates; "Hungary opposed sanctions on D" is
    none."""
    found = _relations_of(
        "Japan froze the assets of businessman Omar Haddad on Friday. Canada imposed a travel "
        "ban on Minister Lars Dahl. Chilean banker Sami Kassem was hit with sanctions by "
        "Australia on Thursday. Hungary opposed sanctions on Bishop Tomas Berg.",
        "2025-10-25",
    )
    assert {
        ("sanctioned", "Japan", "Omar Haddad", "2025-10-24"),
        ("sanctioned", "Canada", "Lars Dahl", None),
        ("sanctioned", "Australia", "Sami Kassem", "2025-10-23"),
    } == found


def test_more_places_regions_and_company_suffixes_as_whole_words() -> None:
    """Cities beyond capitals ("Rio de Janeiro", "Phnom Penh") are places (GPE), not people;
    regions and seas ("the Black Sea", "Horn of Africa") are LOC unless they qualify a noun
    ("Arctic security"); a company word matches whole words only ("AGAIN" is no "AG")."""
    types = _mention_types(
        "Ms Ana Ruiz flew from Rio de Janeiro to Phnom Penh over the Black Sea and the Horn of "
        "Africa, then spoke on Arctic security. A banner read MAKE PEACE AGAIN."
    )
    assert {
        "Rio de Janeiro": "GPE",
        "Phnom Penh": "GPE",
        "Black Sea": "LOC",
        "Horn of Africa": "LOC",
    } == {k: types.get(k) for k in ("Rio de Janeiro", "Phnom Penh", "Black Sea", "Horn of Africa")}
    assert "Arctic" not in types
    assert not any(t == "ORG" for t in types.values())


def test_receiving_a_call_or_a_letter_is_no_meeting() -> None:
    """ "A received a phone call from B on Thursday" is a call (2025-10-23), not a meeting;
    "A welcomed the offer of C" is neither."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg received a phone call from Prime Minister Ana Ruiz on "
            "Thursday. Berg welcomed the offer of Chancellor Lina Farouk.",
            "2025-10-25",
        )
    )
    assert {("phoned", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-10-23")} == found


def test_counted_back_from_the_report_and_a_weekday_of_last_week() -> None:
    """In a report of Saturday 2025-10-25: "three days ago" is 2025-10-22, "two weeks ago" ISO
    week 41 (Oct 11 is in week 41), "six months ago" 2025-04; "on Tuesday last week" is the
    Tuesday of week 42, 2025-10-14 (counted on a calendar)."""
    dct = date(2025, 10, 25)
    values = [
        (t.text, t.value)
        for s in (
            "They spoke three days ago.",
            "They met two weeks ago.",
            "They met six months ago.",
            "They met on Tuesday last week.",
        )
        for t in find_timexes(s, dct)
    ]
    assert [
        ("three days ago", "2025-10-22"),
        ("two weeks ago", "2025-W41"),
        ("six months ago", "2025-04"),
        ("Tuesday", "2025-10-14"),
        ("last week", "2025-W42"),
    ] == values


def test_bare_spoke_with_subordinate_clauses_and_the_call_between_the_two() -> None:
    """ "He added that A had spoken with B" gives no medium: no call (guidelines 6.2);
    "A talks to B by phone before Canada blames C" is a call of A and B only; "the call, the
    first between the two leaders" is the call told before (Thursday 2025-10-23), not one of
    the two people named most."""
    assert set() == _relations_of(
        "The spokesman added that President Tomas Berg had spoken with Prime Minister Ana Ruiz.",
        "2025-10-25",
    )
    found = _symmetric(
        _relations_of(
            "Berg talks to Ruiz by phone before Canada blames Omar Haddad\n\n"
            "OSLO, Oct 25 - President Tomas Berg spoke by phone with Prime Minister Ana Ruiz on "
            "Thursday. Omar Haddad, a banker, was not named. Haddad denied it. Berg stressed "
            "trade, according to an account of the call, the first between the two leaders.",
            "2025-10-25",
        )
    )
    assert {("phoned", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-10-23")} == found


def test_named_envoy_in_the_passive_without_an_appointer_appoints_nobody_named() -> None:
    """ "A, who was named special envoy for the Andes in May, met B on Thursday" is a meeting
    (2025-10-23); the appointment has no appointer in the text, so no named_envoy (B did not
    appoint A)."""
    found = _symmetric(
        _relations_of(
            "Lars Dahl, who was named special envoy for the Andes in May, met Prime Minister Ana "
            "Ruiz in Lima on Thursday.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Lars Dahl", "Ana Ruiz")), "2025-10-23")} == found


def test_a_pronoun_subject_goes_on_and_a_clause_opening_name_is_a_person() -> None:
    """ "A arrived on Thursday. He held talks with B the same day. On Friday he met C": both
    "he" are A (the subject goes on through a pronoun), so A met B (2025-10-23) and C
    (2025-10-24); in "When Dahl visited Lima on Oct 2, Berg greeted him" the name after
    "When" is a person and the greeting a meeting (2025-10-02)."""
    found = _symmetric(
        _relations_of(
            "Prime Minister Ana Ruiz arrived in Rome on Thursday. She held talks with President "
            "Tomas Berg the same day. On Friday she met Chancellor Lina Farouk.",
            "2025-10-25",
        )
    )
    assert {
        ("met", frozenset(("Ana Ruiz", "Tomas Berg")), "2025-10-23"),
        ("met", frozenset(("Ana Ruiz", "Lina Farouk")), "2025-10-24"),
    } == found
    greeted = _symmetric(
        _relations_of(
            "When Dahl visited Lima on Oct 2, President Tomas Berg greeted him at the airport.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Tomas Berg", "Dahl")), "2025-10-02")} == greeted


def test_a_name_ending_another_is_one_person_and_a_meeting_of_advisers_none() -> None:
    """ "Ruiz names Le Maire as envoy" then "Jean-Luc Le Maire": the shorter name ends
    the longer, so one appointee (Friday 2025-10-24); "the call was followed by a meeting of
    his advisers" adds no meeting between the callers."""
    found = _symmetric(
        _relations_of(
            "Ruiz names Le Maire as envoy to Chile\n\n"
            "LIMA, Oct 25 - Prime Minister Ana Ruiz on Friday named former minister Jean-Luc "
            "Le Maire as her envoy to Chile. Ruiz spoke by phone with President Tomas Berg "
            "on Thursday, and the call was followed by a meeting of her advisers.",
            "2025-10-25",
        )
    )
    assert {
        ("named_envoy", "Ana Ruiz", "Jean-Luc Le Maire", "2025-10-24"),
        ("phoned", frozenset(("Ana Ruiz", "Tomas Berg")), "2025-10-23"),
    } == found


def test_leaving_without_meeting_is_no_meeting() -> None:
    """ "A left Lima without meeting B" reports that no meeting took place."""
    assert set() == _relations_of(
        "President Tomas Berg left Lima on Friday without meeting Prime Minister Ana Ruiz.",
        "2025-10-25",
    )


def test_appointed_to_a_post_or_entrusted_with_a_mission_when_called_an_envoy() -> None:
    """ "Berg named Dahl, a banker, to the trade post in March" appoints an envoy when the text
    calls Dahl an envoy ("trade envoy Dahl"), dated 2025-03; "entrusted Cardinal Omar Haddad
    with a mission" likewise (Haddad is "the envoy" in the text; Tuesday 2025-10-21); without
    such a word, a post is no envoy's ("named Ruiz to the finance post")."""
    found = _relations_of(
        "Trade envoy Lars Dahl met officials in Oslo. President Tomas Berg named Dahl, a banker, "
        "to the trade post in March. Berg on Tuesday entrusted Cardinal Omar Haddad with a mission "
        "to free prisoners; the envoy, Haddad, left at once. Berg named Ana Ruiz to the finance "
        "post in May.",
        "2025-10-25",
    )
    assert {
        ("named_envoy", "Tomas Berg", "Lars Dahl", "2025-03"),
        ("named_envoy", "Tomas Berg", "Omar Haddad", "2025-10-21"),
    } == found


def test_it_is_the_acting_body_not_a_demonym_or_a_place() -> None:
    """ "EU ministers met in Brussels on Monday. The bloc imposed sanctions on Chilean general
    A the same day. It also froze the assets of B.": "It" is the bloc (the European Union),
    not "Chilean" nor Brussels; both steps are of Monday 2025-10-20."""
    found = _relations_of(
        "European Union ministers met in Brussels on Monday. The bloc imposed sanctions on "
        "Chilean general Omar Haddad the same day. It also froze the assets of businessman "
        "Lars Dahl.",
        "2025-10-25",
    )
    assert {
        ("sanctioned", "European Union", "Omar Haddad", "2025-10-20"),
        ("sanctioned", "European Union", "Lars Dahl", "2025-10-20"),
    } == found


def test_a_trailing_attribution_with_the_ends_the_target_list() -> None:
    """ "Canada is sanctioning Vexo Mining and three of its executives, the Foreign Ministry
    said on Friday": the ministry is the speaker, not a target (Friday 2025-10-24)."""
    assert {("sanctioned", "Canada", "Vexo Mining", "2025-10-24")} == _relations_of(
        "Canada is sanctioning miner Vexo Mining and three of its executives, the Foreign "
        "Ministry said on Friday.",
        "2025-10-25",
    )


def test_blacklisted_along_with_and_sanctions_kept_are_two_steps() -> None:
    """ "Canada ends sanctions on Vexo Mining Group but keeps Omar Haddad blacklisted": after
    "Canada lifted sanctions on Sunday on Vexo Mining Group" (2025-10-19) and "The company was
    blacklisted last April along with Haddad" (2025-04, Canada's step, on both), Haddad's
    sanctions kept (undated) are a step of their own."""
    found = _relations_of(
        "Canada ends sanctions on Vexo Mining Group but keeps Omar Haddad blacklisted\n\n"
        "OTTAWA, Oct 25 - Canada lifted sanctions on Sunday on Vexo Mining Group, once "
        "controlled by Omar Haddad. The company was blacklisted last April along with Haddad.",
        "2025-10-25",
    )
    assert {
        ("sanctioned", "Canada", "Vexo Mining Group", "2025-10-19"),
        ("sanctioned", "Canada", "Omar Haddad", "2025-04"),
        ("sanctioned", "Canada", "Vexo Mining Group", "2025-04"),
        ("sanctioned", "Canada", "Omar Haddad", None),
    } <= found


def test_period_of_the_day_told_before_and_vague_offsets() -> None:
    """In a report of Saturday 2025-10-25: "late last month" is 2025-09; after "on Oct 2",
    "that afternoon" is 2025-10-02TAF and "that week" ISO week 40 (Oct 2, 2025 is a Thursday
    of week 40); "Days later" is XXXX-XX-XX; "Mar-a-Lago" holds no month."""
    dct = date(2025, 10, 25)
    found = [
        (t.text, t.value)
        for s in (
            "They met late last month.",
            "They met on Oct 2. That afternoon they spoke, and they spoke again that week.",
            "Days later, they spoke at Mar-a-Lago.",
        )
        for t in find_timexes(s, dct)
    ]
    assert [
        ("late last month", "2025-09"),
        ("Oct 2", "2025-10-02"),
        ("That afternoon", "2025-10-02TAF"),
        ("that week", "2025-W40"),
        ("Days later", "XXXX-XX-XX"),
    ] == found


def test_dining_in_a_clause_of_its_own_with_a_possessive_is_the_subjects_meeting() -> None:
    """ "A and B talked by phone on Oct 2, and C flew to Lima that week to dine with D at his
    villa": the call is A's and B's (2025-10-02); the dinner is C's with D (week 40), and
    "his" (a possessive) is nobody's side."""
    found = _symmetric(
        _relations_of(
            "Prime Minister Ana Ruiz and President Tomas Berg talked by phone on Oct 2, and "
            "Chancellor Lina Farouk flew to Lima that week to dine with Omar Haddad at his villa.",
            "2025-10-25",
        )
    )
    assert {
        ("phoned", frozenset(("Ana Ruiz", "Tomas Berg")), "2025-10-02"),
        ("met", frozenset(("Lina Farouk", "Omar Haddad")), "2025-W40"),
    } == found


def test_numbered_units_and_seas_before_a_noun() -> None:
    """ "the army's 12th Mountain Brigade" is an organisation and a sanction target (Monday
    2025-10-20); "the Black Sea resort of Varna" keeps "Black Sea" as a place (LOC)."""
    text = (
        "Canada on Monday imposed sanctions on the army's 12th Mountain Brigade. General Omar "
        "Haddad met Prime Minister Ana Ruiz in the Black Sea resort of Varna."
    )
    types = _mention_types(text)
    assert ("ORG", "LOC") == (types.get("12th Mountain Brigade"), types.get("Black Sea"))
    assert ("sanctioned", "Canada", "12th Mountain Brigade", "2025-10-20") in _relations_of(
        text, "2025-10-25"
    )


def test_nominals_for_the_army_the_city_and_the_administration() -> None:
    """ "the army" is an organisation, "the city" after Lima is Lima (a place), and "the
    administration" in a text naming the United States is its government (GPE)."""
    types = _mention_types(
        "The United States sent envoy Lars Dahl to Lima. In the city, he warned the army. The "
        "administration said nothing."
    )
    assert ("ORG", "GPE", "GPE") == (
        types.get("the army"),
        types.get("the city"),
        types.get("The administration"),
    )


def test_a_headline_administration_and_a_surname_before_era() -> None:
    """A headline opening "Berg administration lifts ..." names the US government (GPE, in
    news the administration of a president), and "Berg-era" names Berg."""
    types = _mention_types(
        "Berg administration lifts Berg-era curbs\n\nWASHINGTON, Oct 25 - President Tomas Berg "
        "spoke."
    )
    assert ("GPE", "PER") == (types.get("Berg administration"), types.get("Berg"))


def test_since_a_month_dates_no_meeting() -> None:
    """ "A met B on Thursday (2025-10-23). It was their third meeting since July." gives one
    meeting, of Thursday: "since July" bounds a period, it dates no meeting."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg met Prime Minister Ana Ruiz on Thursday. It was their third "
            "meeting since July.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-10-23")} == found


def test_embargo_dated_call_and_talks_between_states() -> None:
    """ "Canada, which already had an arms embargo on Peru in place" is a sanction (undated);
    "during the March 3 call A asked B" is a call of A and B on 2025-03-03; "Talks between
    Chile, Peru and Bolivia, held in Quito earlier this month" is a meeting of each pair of
    the three states (2025-10)."""
    found = _symmetric(
        _relations_of(
            "Canada, which already had an arms embargo on Peru in place, said nothing. The memo "
            "shows that during the March 3 call President Tomas Berg asked Prime Minister Ana "
            "Ruiz for help. Talks between Chile, Peru and Bolivia, held in Quito earlier this "
            "month, ended without agreement.",
            "2025-10-25",
        )
    )
    assert {
        ("sanctioned", "Canada", "Peru", None),
        ("phoned", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-03-03"),
        ("met", frozenset(("Chile", "Peru")), "2025-10"),
        ("met", frozenset(("Chile", "Bolivia")), "2025-10"),
        ("met", frozenset(("Peru", "Bolivia")), "2025-10"),
    } == found


def test_targets_sanctioned_four_sentences_later_and_as_were() -> None:
    """Four sentences after "Canada on Monday imposed sanctions on 30 people", "Chile's army
    chief, A, was sanctioned over abuses, as were two bodies, the State Mining Board and
    the Coastal Guard Service" names three targets of Canada's Monday step (2025-10-20). (The
    person's name is longer than "Chile's army chief", a mention of the same person, by which
    the helper would otherwise name it.)"""
    found = _relations_of(
        "Canada on Monday imposed sanctions on 30 people and bodies from Chile and Peru. The "
        "minister spoke to parliament. She gave no details. The list was long. Chile's army "
        "chief, General Omar Haddad-Villalobos, was sanctioned over abuses, as were two bodies, "
        "the State "
        "Mining Board and the Coastal Guard Service.",
        "2025-10-25",
    )
    monday = "2025-10-20"
    assert {
        ("sanctioned", "Canada", "Omar Haddad-Villalobos", monday),
        ("sanctioned", "Canada", "State Mining Board", monday),
        ("sanctioned", "Canada", "Coastal Guard Service", monday),
    } == found


def test_a_contact_with_its_subject_left_out_after_and() -> None:
    """ "Ruiz met A on Wednesday, the ministry said, and the following day held talks with B":
    Ruiz met A on 2025-10-22 and B on 2025-10-23; A and B did not meet."""
    found = _symmetric(
        _relations_of(
            "Prime Minister Ana Ruiz flew to Oslo. Ruiz met Lars Dahl, the king's adviser, on "
            "Wednesday, the ministry said, and the following day held talks with Omar Haddad, "
            "the trade commissioner.",
            "2025-10-25",
        )
    )
    assert {
        ("met", frozenset(("Ana Ruiz", "Lars Dahl")), "2025-10-22"),
        ("met", frozenset(("Ana Ruiz", "Omar Haddad")), "2025-10-23"),
    } == found


def test_a_demonym_used_as_a_noun_is_the_person_of_that_state() -> None:
    """ "Chilean envoy Alejandro Dahlberg ... A greeted the Chilean at the airport": "the
    Chilean" is Dahlberg (a person), not Chile; "the Chilean government" stays the state."""
    types = _mention_types(
        "Chilean envoy Alejandro Dahlberg flew to Oslo. Mr Omar Haddad greeted the Chilean at "
        "the airport. The Chilean government said nothing."
    )
    assert "PER" == types.get("the Chilean")
    found = _symmetric(
        _relations_of(
            "Chilean envoy Alejandro Dahlberg flew to Oslo on Monday. Mr Omar Haddad greeted the "
            "Chilean at the airport.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Omar Haddad", "Alejandro Dahlberg")), None)} == found


def test_called_someone_a_name_is_no_call() -> None:
    """ "A called B a puppet" and 'A called C "reckless"' name, they do not phone; "A called
    D the following day" after a Monday meeting is a call (2025-10-21)."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg called Prime Minister Ana Ruiz a puppet on Tuesday. He called "
            'Lars Dahl "reckless". Berg met Omar Haddad on Monday and called Sami Kassem the '
            "following day.",
            "2025-10-25",
        )
    )
    assert {
        ("met", frozenset(("Tomas Berg", "Omar Haddad")), "2025-10-20"),
        ("phoned", frozenset(("Tomas Berg", "Sami Kassem")), "2025-10-21"),
    } == found


def test_a_talk_on_the_sidelines_is_a_meeting_and_elsewhere_nothing() -> None:
    """ "A told reporters on Saturday that he had discussed the dispute with B on the sidelines
    of the summit" is a meeting, undated (Saturday dates the telling); "A discussed the
    dispute with C" says nothing of a meeting or a call."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg told reporters on Saturday that he had briefly discussed the "
            "dispute with Prime Minister Ana Ruiz on the sidelines of the summit. Berg also "
            "discussed the dispute with Chancellor Lars Dahl.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Tomas Berg", "Ana Ruiz")), None)} == found


def test_the_pastor_refers_back_and_time_served_is_no_wish() -> None:
    """ "A Dahlberg, an evangelical pastor, ... freed Dahlberg on Oct 12, sentencing him to time
    already served, and Berg welcomed the pastor the following day": a meeting of Berg and
    Dahlberg on 2025-10-13 ("time" there is a sentence, not "it was time to"); "it was time for
    him to visit Oslo" stays a wish."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg spoke. Alejandro Dahlberg, an evangelical pastor, was jailed. "
            "A court freed Dahlberg on Oct 12, sentencing him to time already served, and Berg "
            "welcomed the pastor at his office the following day. Berg told Prime Minister Ana "
            "Ruiz that it was time for him to visit Oslo and meet her.",
            "2025-10-25",
        )
    )
    assert {("met", frozenset(("Tomas Berg", "Alejandro Dahlberg")), "2025-10-13")} == found


def test_their_first_summit_is_the_pair_of_the_last_meeting() -> None:
    """After "A met B in Lima on Thursday" (2025-10-23) and a call of A with C, "Unlike their
    first summit, in Quito last June" is a meeting of A and B in 2025-06, not of the two
    people named most (A and C)."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg met Prime Minister Ana Ruiz in Lima on Thursday. Berg then "
            "called Chancellor Lars Dahl, and Dahl praised Berg. Dahl backed Berg. Unlike their "
            "first summit, in Quito last June, the talks ended early.",
            "2025-10-25",
        )
    )
    assert ("met", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-06") in found
    assert not any(t == "met" and p == frozenset(("Tomas Berg", "Lars Dahl")) for t, p, _ in found)


def test_after_the_call_refers_back() -> None:
    """ "A spoke by phone with B on Saturday. 'Good talk,' A wrote after the call, adding that
    C would visit" is one call (2025-10-25 is the Saturday itself); "after the call" adds no
    call with C."""
    found = _symmetric(
        _relations_of(
            "President Tomas Berg spoke by phone with Prime Minister Ana Ruiz on Saturday. "
            '"Good talk," Berg wrote after the call, adding that Chancellor Lars Dahl would '
            "visit.",
            "2025-10-25",
        )
    )
    assert {("phoned", frozenset(("Tomas Berg", "Ana Ruiz")), "2025-10-25")} == found


def test_a_clause_with_a_pronoun_subject_ends_a_calls_partners() -> None:
    """ "A coordinated with allies in a call the day before, and he is due to speak with B on
    Thursday": allies are no named side and B belongs to a planned talk of another clause, so
    no relation."""
    assert set() == _relations_of(
        "President Tomas Berg had coordinated with European allies in a call the day before, and "
        "he is due to speak with Prime Minister Ana Ruiz on Thursday.",
        "2025-10-25",
    )


def test_a_body_that_adopted_the_measures_took_the_step() -> None:
    """ "The European Union on Monday imposed sanctions on A and B. The Council of the EU
    adopted the measures after the bloc's ministers met." makes the Council the sanctioner
    (guidelines 6.6), dated Monday 2025-10-20; "the bloc" stays the union."""
    text = (
        "The European Union on Monday imposed sanctions on 20 officials, among them Omar Haddad "
        "and Lars Dahl. The Council of the EU adopted the measures after the bloc's ministers "
        "met in Vienna."
    )
    found = _relations_of(text, "2025-10-25")
    assert {
        ("sanctioned", "Council of the EU", "Omar Haddad", "2025-10-20"),
        ("sanctioned", "Council of the EU", "Lars Dahl", "2025-10-20"),
    } == found
    [line] = predict_documents("rules", [Document("new", text, "2025-10-25", "test")])
    by_span = {text[m["start"] : m["end"]]: m["entity"] for m in line["mentions"]}
    assert by_span["the bloc"] == by_span["European Union"] != by_span["Council of the EU"]


def test_a_second_title_is_no_part_of_the_name() -> None:
    """In "Emir Sheikh Omar bin Salem Al Farsi" and "President Sheikh Tamer Al Nour" the names
    start after the titles."""
    types = _mention_types(
        "Qatar's Emir Sheikh Omar bin Salem Al Farsi met President Sheikh Tamer Al Nour."
    )
    assert {"Omar bin Salem Al Farsi", "Tamer Al Nour"} <= set(types)
    assert not any(k.startswith("Sheikh") for k in types)


def test_a_relative_clause_of_the_sentence_before_does_not_hide_a_date() -> None:
    """ "whom ... named" ends the paragraph before; "In Oslo on Friday" still dates the talks
    of the next sentence: Friday before Wednesday 2025-10-22 is 2025-10-17."""
    found = _symmetric(
        _relations_of(
            "Mr Remo Ott thanked Ms Ada Holm, whom the council named its chair last spring.\n\n"
            "In Oslo on Friday, Mr Ivo Dal held talks with Mr Remo Ott.",
            "2025-10-22",
        )
    )
    assert ("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-10-17") in found


def test_a_date_in_a_since_clause_dates_that_clause_not_the_talks() -> None:
    """ "two years ago" in "since the war began two years ago" dates the war; the talks are
    dated by "On Thursday", the Thursday before Wednesday 2025-10-22: 2025-10-16."""
    found = _symmetric(
        _relations_of(
            "On Thursday, Mr Ivo Dal and Mr Remo Ott held their first talks since the war "
            "began two years ago.",
            "2025-10-22",
        )
    )
    assert {("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-10-16")} == found


def test_signing_an_agreement_together_is_a_meeting_of_the_signers() -> None:
    """Coordinated signers (one with an apposition, one with a lowercase title) met on the day
    of the signing: Friday before Wednesday 2025-10-22 is 2025-10-17 (guidelines 6.1)."""
    found = _symmetric(
        _relations_of(
            "Mr Ivo Dalmatovski, the minister, and defence adviser Remo Ott signed an "
            "agreement in Oslo on Friday.",
            "2025-10-22",
        )
    )
    assert {("met", frozenset(("Ivo Dalmatovski", "Remo Ott")), "2025-10-17")} == found


def test_the_two_men_who_signed_and_their_host_all_met() -> None:
    """ "the two men" are the two people named before the trigger in its own sentence; the
    host of the signing ceremony met each of them. Monday before Wednesday 2025-10-22 is
    2025-10-20 and "the next day" 2025-10-21."""
    found = _symmetric(
        _relations_of(
            "President Ivo Dal flew to Oslo on Monday and met President Remo Ott, and the next "
            "day the two men signed a declaration at a ceremony hosted by King Olaf Berg.",
            "2025-10-22",
        )
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-10-20"),
        ("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-10-21"),
        ("met", frozenset(("Ivo Dal", "Olaf Berg")), "2025-10-21"),
        ("met", frozenset(("Remo Ott", "Olaf Berg")), "2025-10-21"),
    } == found


def test_one_signer_alone_meets_nobody() -> None:
    """Signing an order, a law, or a treaty with no other signer named is no meeting."""
    found = _relations_of(
        "President Ivo Dal signed an executive order on Friday. Mr Remo Ott signed the law. "
        "Ms Ada Holm signed the treaty in Oslo.",
        "2025-10-22",
    )
    assert set() == found


def test_a_call_between_three_named_people_links_each_pair() -> None:
    """Three people after "between", one introduced by a state and a title, one by a
    possessive title in apposition: three calls, dated Tuesday before Wednesday 2025-10-22."""
    found = _symmetric(
        _relations_of(
            "The deal was sealed on Tuesday in a telephone call between U.S. President Remo Ott, "
            "Prime Minister Ivo Dal and Denmark's prime minister, Ada Holmenkollen-Strandberg.",
            "2025-10-22",
        )
    )
    assert {
        ("phoned", frozenset(("Remo Ott", "Ivo Dal")), "2025-10-21"),
        ("phoned", frozenset(("Remo Ott", "Ada Holmenkollen-Strandberg")), "2025-10-21"),
        ("phoned", frozenset(("Ivo Dal", "Ada Holmenkollen-Strandberg")), "2025-10-21"),
    } == found


def test_a_host_who_received_the_two_men_met_each_of_them() -> None:
    """ "C received the two men": C met each of the two who held talks (not C and one of
    them as "the two"); the second sentence, undated, goes on telling Monday 2025-10-20."""
    found = _symmetric(
        _relations_of(
            "Foreign Minister Ivo Dal and Foreign Minister Remo Ott held talks in Oslo on "
            "Monday.\n\nPrime Minister Ada Holm received the two men together after their talks.",
            "2025-10-22",
        )
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-10-20"),
        ("met", frozenset(("Ada Holm", "Ivo Dal")), "2025-10-20"),
        ("met", frozenset(("Ada Holm", "Remo Ott")), "2025-10-20"),
    } == found


def test_the_two_leaders_are_the_two_of_the_contacts_told_not_bystanders() -> None:
    """Four people each named once: "the two leaders" are the two who met, not the two named
    first who only briefed reporters. "last month" of 2025-10-22 is 2025-09."""
    found = _symmetric(
        _relations_of(
            "Ms Ada Holm and Mr Karl Vost briefed reporters in Oslo on Monday. Mr Ivo Dal met "
            "Mr Remo Ott there. The two leaders had spoken by phone last month.",
            "2025-10-22",
        )
    )
    assert ("phoned", frozenset(("Ivo Dal", "Remo Ott")), "2025-09") in found
    assert not any(r[0] == "phoned" and "Ada Holm" in r[1] for r in found)


def test_talks_named_as_the_purpose_of_a_planned_trip_are_not_actual() -> None:
    """ "was due to fly ... for talks with B" is a plan (guidelines 6.5); "flew ... for talks
    with B" is a meeting, on Tuesday 2025-10-21 for a report of Wednesday 2025-10-22."""
    planned = _relations_of(
        "President Ivo Dal was due to fly to Oslo later on Tuesday for talks with Mr Remo Ott.",
        "2025-10-22",
    )
    assert set() == planned
    held = _symmetric(
        _relations_of(
            "President Ivo Dal flew to Oslo on Tuesday for talks with Mr Remo Ott.", "2025-10-22"
        )
    )
    assert {("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-10-21")} == held


def test_a_sanction_told_in_a_when_clause_has_the_clause_subject_as_source() -> None:
    """ "Washington went further last July, when the U.S. Treasury blacklisted A": the subject
    of "blacklisted" sanctioned A, not the main clause's Washington; "last July" of a report
    of 2025-10-22 is 2025-07."""
    found = _relations_of(
        "Washington went further last July, when the U.S. Treasury blacklisted Mr Ivo Dal "
        "over fraud.",
        "2025-10-22",
    )
    assert {("sanctioned", "U.S. Treasury", "Ivo Dal", "2025-07")} == found


def test_later_sentences_that_go_on_listing_the_targets_add_them() -> None:
    """ "The list also names A ..." and "Also targeted were B and C" continue the freeze told
    before (same source, Friday 2025-10-17); the firm inside A's description is no target."""
    found = _relations_of(
        "The Finance Ministry on Friday froze the assets of Mr Ivo Dal and two other "
        "businessmen. The list also names Remo Ott, head of the shipping firm Vexo, and Ada "
        "Holm, who runs a bank. Also targeted were Karl Vost and Lea Finn.",
        "2025-10-22",
    )
    assert {
        ("sanctioned", "Finance Ministry", name, "2025-10-17")
        for name in ("Ivo Dal", "Remo Ott", "Ada Holm", "Karl Vost", "Lea Finn")
    } == found


def test_made_a_his_special_representative_names_an_envoy() -> None:
    """ "made the diplomat A his special representative" appoints A (in August 2025 for a
    report of 2025-10-22); "made a visit" and "made progress" appoint nobody."""
    found = _relations_of(
        "In August, Foreign Minister Ivo Dal made the diplomat Remo Ottersberg his special "
        "representative for the Arctic. Mr Dal made a visit to Oslo. Mr Ottersberg made "
        "progress.",
        "2025-10-22",
    )
    assert {("named_envoy", "Ivo Dal", "Remo Ottersberg", "2025-08")} == found


def test_mullah_is_a_title_not_part_of_the_name() -> None:
    """ "Mullah Abdul Karim Ottar" is the person Abdul Karim Ottar, whom the president phoned
    on Tuesday 2025-10-21 (report of Wednesday 2025-10-22)."""
    found = _relations_of(
        "President Ivo Dal said he spoke by telephone on Tuesday with the movement's political "
        "chief, Mullah Abdul Karim Ottar.",
        "2025-10-22",
    )
    assert {("phoned", "Ivo Dal", "Abdul Karim Ottar", "2025-10-21")} == found


def test_a_guest_at_a_private_occasion_meets_its_host_not_a_summit() -> None:
    """A guest at the wedding of A met A (guidelines 6.1), on Saturday 2025-10-18 for a report
    of Wednesday 2025-10-22; attending the launch of B's book is no meeting with B."""
    found = _symmetric(
        _relations_of(
            "On Saturday, Chancellor Ivo Dal was a guest at the wedding of Foreign Minister Ada "
            "Holm. Mr Remo Ott attended the launch of the book of Ms Lea Finn.",
            "2025-10-22",
        )
    )
    assert {("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-18")} == found


def test_talks_in_an_after_adjunct_are_the_main_subjects_talks() -> None:
    """ "A met B on Tuesday, a day after talks with C": C talked with A, not with B, and that
    day is told only by subtraction, so no date (guidelines 5.8); "A and B agreed ..., after
    talks in Oslo": A and B talked, on the Thursday before 2025-10-22 (2025-10-16)."""
    found = _symmetric(
        _relations_of(
            "President Ivo Dal met Prime Minister Ada Holm in Oslo on Tuesday, a day after five "
            "hours of talks with Mr Remo Ott in Bergen.",
            "2025-10-22",
        )
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-21"),
        ("met", frozenset(("Ivo Dal", "Remo Ott")), None),
    } == found
    agreed = _symmetric(
        _relations_of(
            "Mr Ivo Dal and Mr Remo Ott agreed on Thursday to a truce, after talks in Oslo.",
            "2025-10-22",
        )
    )
    assert {("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-10-16")} == agreed


def test_a_summit_in_a_since_phrase_is_out_of_the_negations_reach() -> None:
    """ "The two had not met since their summit in Bergen in February": the summit happened
    (2025-02 for a report of 2025-10-22), between the two named most, not the pair told
    last."""
    found = _symmetric(
        _relations_of(
            "Mr Ivo Dal shook hands with Mr Remo Ott in Oslo on Sunday, and Mr Ott thanked him. "
            "Mr Dal also hosted Ms Ada Holm. The two had not met since their summit in Bergen "
            "in February.",
            "2025-10-22",
        )
    )
    assert ("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-02") in found
    assert ("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-02") not in found


def test_the_possessor_of_talks_held_them() -> None:
    """ "a day after Dal's first face-to-face talks as president with B": Dal met B; the day
    is told only by subtraction, so no date (guidelines 5.8)."""
    found = _symmetric(
        _relations_of(
            "The visit came a day after Mr Ivo Dal's first face-to-face talks as president with "
            "Prime Minister Ada Holm, held at a hotel in Bergen.",
            "2025-10-22",
        )
    )
    assert {("met", frozenset(("Ivo Dal", "Ada Holm")), None)} == found


def test_the_possessor_of_sanctions_is_their_source_not_the_name_before() -> None:
    """ "..., a member of the Unity Party, in the bloc's first sanctions": the bloc's, not the
    party's; the list told next is the Council's only (Monday 2025-10-20)."""
    found = _relations_of(
        "The Council of the European Union on Monday imposed travel bans on Mr Ivo Dal, a "
        "senior member of the ruling Unity Party, in the bloc's first sanctions on named "
        "individuals. The list also includes Ms Ada Holm.",
        "2025-10-22",
    )
    assert {
        ("sanctioned", "Council of the European Union", "Ivo Dal", "2025-10-20"),
        ("sanctioned", "Council of the European Union", "Ada Holm", "2025-10-20"),
    } == found


def test_who_hosted_the_meeting_names_a_host_who_met_both() -> None:
    """ "C, who hosted the meeting, sat with them": C met each side of the talks told in the
    sentence before, on their day (Thursday 2025-10-16 for a report of 2025-10-22)."""
    found = _symmetric(
        _relations_of(
            "On Thursday, Mr Ivo Dal and Ms Ada Holm held talks in Bergen. Foreign Minister "
            "Remo Ott, who hosted the meeting, sat with them at the table.",
            "2025-10-22",
        )
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-16"),
        ("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-10-16"),
        ("met", frozenset(("Ada Holm", "Remo Ott")), "2025-10-16"),
    } == found


def test_a_sanction_gerund_after_after_has_the_main_subject_as_source() -> None:
    """ "Norway sanctioned A, a week after blacklisting B": Norway blacklisted B (undated: a
    day reached only by subtraction, guidelines 5.8), not A; A on Monday 2025-10-20."""
    found = _relations_of(
        "Norway on Monday sanctioned army chief Ivo Dal, a week after blacklisting his rival "
        "Remo Ott.",
        "2025-10-22",
    )
    assert {
        ("sanctioned", "Norway", "Ivo Dal", "2025-10-20"),
        ("sanctioned", "Norway", "Remo Ott", None),
    } == found


def test_a_call_days_after_which_is_the_main_subjects_call() -> None:
    """ "A met B on Tuesday, just days after a phone call with C": A phoned C (undated), and
    B is in neither the call nor its date."""
    found = _symmetric(
        _relations_of(
            "President Ivo Dal met Prime Minister Ada Holm in Oslo on Tuesday, just days after a "
            "phone call with Mr Remo Ott.",
            "2025-10-22",
        )
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-21"),
        ("phoned", frozenset(("Ivo Dal", "Remo Ott")), None),
    } == found


def test_company_names_by_their_legal_suffix_are_targets() -> None:
    """Firms named with "Limited", "Systems" or "Enterprises" are organisations, and each is a
    target of the blacklisting on Friday 2025-10-17."""
    found = _relations_of(
        "The Treasury on Friday blacklisted Kalder Trade Limited and Nordvik Systems for "
        "supplying drones.",
        "2025-10-22",
    )
    assert {
        ("sanctioned", "Treasury", "Kalder Trade Limited", "2025-10-17"),
        ("sanctioned", "Treasury", "Nordvik Systems", "2025-10-17"),
    } == found


def test_a_visit_hosted_by_a_named_host_and_the_subject_after_the_opening_phrase() -> None:
    """ "During a visit to Norway hosted by King B, he met C": "he" is the subject going on
    from the sentence before (not B, named in the opening phrase), who met B and C (February
    2025 for a report of 2025-10-22); a visit with no named host is no relation."""
    found = _symmetric(
        _relations_of(
            "President Ivo Dal flew to Oslo on Monday.\n\nIn February, during a "
            "visit to Norway hosted by King Olaf Berg, he met Ms Ada Holm in Bergen. Ms Lea "
            "Finn made a visit to Denmark.",
            "2025-10-22",
        )
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Olaf Berg")), "2025-02"),
        ("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-02"),
    } == found


def test_sanctioning_the_two_men_targets_the_two_people_told_before() -> None:
    """ "It had sanctioned the two men on Aug 1": the Treasury Department (``It``) sanctioned
    the two people named before, on 2025-08-01."""
    found = _relations_of(
        "The Treasury Department said Ivo Dal and Remo Ott were no longer on its list. It had "
        "sanctioned the two men on Aug 1, saying they ran the prisons.",
        "2025-10-22",
    )
    assert {
        ("sanctioned", "Treasury Department", "Ivo Dal", "2025-08-01"),
        ("sanctioned", "Treasury Department", "Remo Ott", "2025-08-01"),
    } == found


def test_called_the_leader_is_a_call_unless_it_names_him_something() -> None:
    """ "called the Norwegian leader last month" phones the leader named before (2025-09 for
    a report of 2025-10-22); "called the Norwegian leader a liar" names, it does not phone."""
    phoned = _symmetric(
        _relations_of(
            "Mr Ivo Dal flew to Oslo on Tuesday to meet Norwegian Prime Minister Ada "
            "Holmenkollen-Strand, a visit he proposed when he called the Norwegian leader last "
            "month.",
            "2025-10-22",
        )
    )
    assert ("phoned", frozenset(("Ivo Dal", "Ada Holmenkollen-Strand")), "2025-09") in phoned
    named = _relations_of(
        "Norwegian Prime Minister Ada Holmenkollen-Strand spoke in Oslo. Mr Ivo Dal called "
        "the Norwegian leader a liar.",
        "2025-10-22",
    )
    assert set() == named


def test_whom_after_an_apposition_refers_to_the_name_before_it() -> None:
    """ "signed by A, the veteran diplomat whom B appointed special representative in
    September 2024": B appointed A (2024-09), not the person named after."""
    found = _relations_of(
        "The accord was signed by Ivo Dalmatovski-Berg, the veteran diplomat whom Foreign "
        "Minister Ada Holm "
        "appointed special representative for the Arctic in September 2024, and by Remo Ott.",
        "2025-10-22",
    )
    assert ("named_envoy", "Ada Holm", "Ivo Dalmatovski-Berg", "2024-09") in found
    assert not any(r[0] == "named_envoy" and r[2] == "Remo Ott" for r in found)


def test_joined_the_two_men_is_a_meeting_of_the_subject_with_each() -> None:
    """ "C, who had hosted A that morning, travelled with him and joined the two men": C (the
    sentence's subject, not "him") met A and B on Sunday 2025-10-19; "joined NATO" and
    "joined A in condemning" are no meetings."""
    found = _symmetric(
        _relations_of(
            "Mr Ivo Dal shook hands with Mr Remo Ott at the border on Sunday. On Sunday "
            "afternoon, President Ada Holm, who had hosted Mr Dal for talks that morning, "
            "travelled with him to the border and briefly joined the two men. Sweden joined "
            "NATO. Mr Karl Vost joined Ms Lea Finn in condemning the vote.",
            "2025-10-22",
        )
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-10-19"),
        ("met", frozenset(("Ada Holm", "Ivo Dal")), "2025-10-19"),
        ("met", frozenset(("Ada Holm", "Remo Ott")), "2025-10-19"),
    } == found


def test_taking_a_target_off_a_sanctions_list_is_a_sanction_step() -> None:
    """Taking A off "its list of blocked persons" or removing B "from the sanctions list" lifts
    sanctions (guidelines 6.6), on Friday 2025-10-17; any other list is no sanction."""
    found = _relations_of(
        "The Finance Ministry took Mr Ivo Dal off its list of blocked persons on Friday. The "
        "Foreign Ministry on Friday removed Ms Ada Holm from the sanctions list. Mr Remo Ott "
        "took Ms Lea Finn off the guest list.",
        "2025-10-22",
    )
    assert {
        ("sanctioned", "Finance Ministry", "Ivo Dal", "2025-10-17"),
        ("sanctioned", "Foreign Ministry", "Ada Holm", "2025-10-17"),
    } == found


def test_a_dateline_with_a_wire_tag_of_several_words_is_a_dateline() -> None:
    """ "OSLO, March 4 (Nordic news wire) - ": OSLO is a state-level place mention (GPE) and
    the dateline's date dates no event; the meeting is on the Monday before the report of
    Tuesday 2025-03-04, 2025-03-03."""
    text = "OSLO, March 4 (Nordic news wire) - President Ivo Dal met Mr Remo Ott on Monday."
    [line] = predict_documents("rules", [Document("new", text, "2025-03-04", "test")])
    assert ("OSLO", "GPE") in {(text[m["start"] : m["end"]], m["type"]) for m in line["mentions"]}
    found = _symmetric(_relations_of(text, "2025-03-04"))
    assert {("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-03-03")} == found


def test_more_states_and_capitals_are_place_mentions() -> None:
    """Kosovo (and its demonym), Pristina and Asmara are state-level place mentions (GPE)."""
    text = "The Kosovar envoy flew from Pristina to Asmara to brief Kosovo's allies."
    [line] = predict_documents("rules", [Document("new", text, "2025-10-22", "test")])
    places = {text[m["start"] : m["end"]] for m in line["mentions"] if m["type"] == "GPE"}
    assert {"Kosovar", "Pristina", "Asmara", "Kosovo"} <= places


def test_a_platform_named_as_the_medium_of_a_post_is_no_mention() -> None:
    """ "wrote on Twitter" names a medium, not an actor (guidelines 3.1)."""
    text = "Mr Ivo Dal wrote on Twitter that the talks had gone well."
    [line] = predict_documents("rules", [Document("new", text, "2025-10-22", "test")])
    assert "Twitter" not in {text[m["start"] : m["end"]] for m in line["mentions"]}
    assert "Ivo Dal" in {text[m["start"] : m["end"]] for m in line["mentions"]}


def test_a_possessive_role_in_apposition_is_a_mention_of_the_person() -> None:
    """ "Norway's top security official, Ivo Dal," is a nominal mention of Ivo Dal; "Norway"
    stays a mention of the state."""
    text = "Norway's top security official, Ivo Dal, met the press in Oslo."
    [line] = predict_documents("rules", [Document("new", text, "2025-10-22", "test")])
    spans = {text[m["start"] : m["end"]]: m for m in line["mentions"]}
    role = spans["Norway's top security official"]
    assert ("PER", spans["Ivo Dal"]["entity"]) == (role["type"], role["entity"])
    assert "GPE" == spans["Norway"]["type"]


def test_three_coordinated_subjects_of_talks_all_met_and_separately_keeps_them_apart() -> None:
    """ "A, B and C held three-way talks": three pairs; "A met separately with B and C": A met
    each, B and C did not meet. Monday before 2025-10-22 is 2025-10-20."""
    three = _symmetric(
        _relations_of(
            "Ivo Dal, Ada Holm and Remo Ott held three-way talks in Geneva on Monday.",
            "2025-10-22",
        )
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20"),
        ("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-10-20"),
        ("met", frozenset(("Ada Holm", "Remo Ott")), "2025-10-20"),
    } == three
    apart = _symmetric(
        _relations_of(
            "President Ivo Dal met separately with Ada Holm and Remo Ott on Monday.", "2025-10-22"
        )
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20"),
        ("met", frozenset(("Ivo Dal", "Remo Ott")), "2025-10-20"),
    } == apart


def test_in_a_phone_call_on_monday_a_told_b() -> None:
    """ "In a phone call on Monday, A told B ...": the call's two sides, on 2025-10-20."""
    found = _symmetric(
        _relations_of(
            "In a phone call on Monday, Ivo Dal told Ada Holm that the deal was off.", "2025-10-22"
        )
    )
    assert {("phoned", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20")} == found


def test_coordinated_targets_of_a_passive_sanction_are_all_targets() -> None:
    """ "A, B and C were sanctioned by the European Union on Monday": three targets."""
    found = _relations_of(
        "Ivo Dal, Ada Holm and Remo Ott were sanctioned by the European Union on Monday.",
        "2025-10-22",
    )
    assert {
        ("sanctioned", "European Union", name, "2025-10-20")
        for name in ("Ivo Dal", "Ada Holm", "Remo Ott")
    } == found


def test_talks_by_video_link_are_a_call() -> None:
    """ "held talks by video link with B" is a call, not a meeting (guidelines 6.2)."""
    found = _symmetric(
        _relations_of("Ivo Dal held talks by video link with Ada Holm on Monday.", "2025-10-22")
    )
    assert {("phoned", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20")} == found


def test_a_visit_to_a_person_is_a_meeting_with_that_person() -> None:
    """ "paid a visit to B in Oslo" is a met with B; "a visit to Oslo" alone is none."""
    found = _symmetric(
        _relations_of(
            "Ivo Dal paid a visit to Ada Holm in Oslo on Monday. Remo Ott paid a visit to Oslo.",
            "2025-10-22",
        )
    )
    assert {("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20")} == found


def test_an_envoy_in_apposition_named_by_b_was_appointed_by_b() -> None:
    """ "A, the new envoy named by B on Monday, flew to Oslo": B named A (2025-10-20)."""
    found = _relations_of(
        "Ada Holmenkollen-Strand, the new envoy named by Ivo Dal on Monday, flew to Oslo.",
        "2025-10-22",
    )
    assert {("named_envoy", "Ivo Dal", "Ada Holmenkollen-Strand", "2025-10-20")} == found


def test_ruled_out_rejected_and_denied_contacts_are_not_actual() -> None:
    """A meeting ruled out or rejected, and a call denied, did not happen (guidelines 6.5)."""
    found = _relations_of(
        "Ivo Dal ruled out a meeting with Ada Holm. Remo Ott rejected talks with Lea Finn. "
        "Karl Vost denied that he had spoken to Ada Holm by phone.",
        "2025-10-22",
    )
    assert set() == found


def test_spoke_again_by_phone_is_a_call() -> None:
    """ "The two leaders spoke again by phone on Wednesday": a second contact, a call on
    Wednesday 2025-10-22, besides Monday's meeting (2025-10-20)."""
    found = _symmetric(
        _relations_of(
            "Ivo Dal met Ada Holm on Monday. The two leaders spoke again by phone on Wednesday.",
            "2025-10-22",
        )
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20"),
        ("phoned", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-22"),
    } == found


def test_a_step_dated_after_it_beats_the_day_it_was_announced() -> None:
    """ "said on Tuesday it had sanctioned A on Monday": Monday (2025-10-20)."""
    found = _relations_of(
        "The Treasury said on Tuesday it had sanctioned Ivo Dal on Monday.", "2025-10-22"
    )
    assert {("sanctioned", "Treasury", "Ivo Dal", "2025-10-20")} == found


def test_a_relative_clause_and_its_main_clause_keep_their_own_dates() -> None:
    """ "A, who was sanctioned by the Treasury in 2019, met B on Monday": the sanction of 2019
    and the meeting of Monday 2025-10-20."""
    found = _relations_of(
        "Ivo Dal, who was sanctioned by the Treasury in 2019, met Ada Holm on Monday.",
        "2025-10-22",
    )
    assert ("sanctioned", "Treasury", "Ivo Dal", "2019") in found
    assert ("sanctioned", "Treasury", "Ivo Dal", "2025-10-20") not in found


def test_calls_told_with_a_possessor_a_later_call_or_words_between() -> None:
    """ "A's call with B", "A and B talked for an hour by phone" and "A spoke to B. The call
    lasted an hour." are calls on Monday 2025-10-20; "talked ... by the river" and a bare
    "spoke to" with no call told are none (guidelines 6.2)."""
    for text in (
        "Ivo Dal's call with Ada Holm on Monday lasted an hour.",
        "Ivo Dal and Ada Holm talked for an hour by phone on Monday.",
        "Ivo Dal spoke to Ada Holm on Monday. The call lasted an hour.",
    ):
        found = _symmetric(_relations_of(text, "2025-10-22"))
        assert {("phoned", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20")} == found, text
    for text in (
        "Ivo Dal and Ada Holm talked for an hour by the river on Monday.",
        "Ivo Dal spoke to Ada Holm on Monday. Prices rose.",
    ):
        assert set() == _relations_of(text, "2025-10-22"), text


def test_had_lunch_with_is_a_meeting() -> None:
    """ "had lunch with B on Monday" is a met on 2025-10-20."""
    found = _symmetric(_relations_of("Ivo Dal had lunch with Ada Holm on Monday.", "2025-10-22"))
    assert {("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20")} == found


def test_shook_hands_exchanged_views_by_telephone_and_an_envoy_appointed_by() -> None:
    """ "A and B shook hands" is a meeting, "exchanged views by telephone" a call, and "A,
    Norway's new ambassador to Denmark, was appointed by B" B's appointment of A; all on
    Monday 2025-10-20."""
    assert {("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20")} == _symmetric(
        _relations_of("Ivo Dal and Ada Holm shook hands in Oslo on Monday.", "2025-10-22")
    )
    assert {("phoned", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20")} == _symmetric(
        _relations_of("Ivo Dal and Ada Holm exchanged views by telephone on Monday.", "2025-10-22")
    )
    assert {("named_envoy", "Ivo Dal", "Ada Holmenkollen-Strandberg", "2025-10-20")} == (
        _relations_of(
            "Ada Holmenkollen-Strandberg, Norway's new ambassador to Denmark, was appointed by "
            "Ivo Dal on Monday.",
            "2025-10-22",
        )
    )


def test_sanction_targets_in_relative_clauses_appositions_and_before_a_main_clause() -> None:
    """ "A, whom the Treasury blacklisted in 2020, met B": the Treasury sanctioned A (2020);
    "among them A, the army chief, and B": A and B, not the army; "When Norway froze the assets
    of A last year, B protested": A only (2024 for a report of 2025-10-22)."""
    whom = _relations_of(
        "Ivo Dal, whom the Treasury blacklisted in 2020, met Ada Holm on Monday.", "2025-10-22"
    )
    assert ("sanctioned", "Treasury", "Ivo Dal", "2020") in whom
    assert not any(r[0] == "sanctioned" and r[2] == "Ada Holm" for r in whom)
    among = _relations_of(
        "Norway on Monday imposed sanctions on 12 people, among them Ivo Dal, the army chief, "
        "and Ada Holm, a businesswoman.",
        "2025-10-22",
    )
    assert {
        ("sanctioned", "Norway", "Ivo Dal", "2025-10-20"),
        ("sanctioned", "Norway", "Ada Holm", "2025-10-20"),
    } == among
    when = _relations_of(
        "When Norway froze the assets of Ivo Dal last year, Ada Holm protested.", "2025-10-22"
    )
    assert {("sanctioned", "Norway", "Ivo Dal", "2024")} == when


def test_the_two_presidents_are_the_people_called_presidents() -> None:
    """ "The two presidents last spoke by telephone on Oct. 2" after two ministers were named
    more often is a call of the two people titled President, not of the ministers; "the two
    ministers" in the same story are the ministers (report of 2025-10-22)."""
    story = (
        "President Ivo Dal and President Ada Holm may meet. Foreign Minister Remo Ott met "
        "Foreign Minister Lea Finn on Monday. Remo Ott said so. Lea Finn agreed. "
    )
    presidents = _symmetric(
        _relations_of(story + "The two presidents last spoke by telephone on Oct. 2.", "2025-10-22")
    )
    assert ("phoned", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-02") in presidents
    assert ("phoned", frozenset(("Remo Ott", "Lea Finn")), "2025-10-02") not in presidents
    ministers = _symmetric(
        _relations_of(story + "The two ministers last spoke by telephone on Oct. 2.", "2025-10-22")
    )
    assert ("phoned", frozenset(("Remo Ott", "Lea Finn")), "2025-10-02") in ministers


@pytest.mark.parametrize(
    ("second", "day"),
    [
        ("On Oct. 7 they held a two-hour video call.", "2025-10-07"),
        ("They spoke by phone on Oct. 7.", "2025-10-07"),
        ("They held a phone call on Tuesday.", "2025-10-21"),
    ],
)
def test_they_as_subject_of_a_call_is_the_pair_met_before(second: str, day: str) -> None:
    """ "A and B met in Oslo last month. They spoke by phone on Oct. 7": "they" is A and B,
    so a call of A and B on the day given (Tuesday before the report of Wednesday
    2025-10-22 is 2025-10-21)."""
    found = _symmetric(
        _relations_of("Ivo Dal and Ada Holm met in Oslo last month. " + second, "2025-10-22")
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-09"),
        ("phoned", frozenset(("Ivo Dal", "Ada Holm")), day),
    } == found


@pytest.mark.parametrize(
    "second",
    [
        "Officials said they would speak by phone next week.",
        "They did not speak by phone.",
        "Remo Ott and Lea Finn were in Paris. They spoke by phone on Tuesday.",
    ],
)
def test_they_is_left_alone_when_reported_denied_or_ambiguous(second: str) -> None:
    """No call from "they" said to plan one, denied, or after two other people were named in
    between (they may be those two): only the meeting of Monday 2025-10-20 is found."""
    found = _symmetric(
        _relations_of("Ivo Dal and Ada Holm met in Oslo on Monday. " + second, "2025-10-22")
    )
    assert {("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20")} == found


def test_a_pronoun_after_a_sentence_naming_no_one_continues_the_subject_before() -> None:
    """ "Minister A said President B and President C could meet. The talks were long. He met
    D": the sentence between names no one, so "He" continues the subject A of the sentence
    before it, not C, the person named last."""
    found = _symmetric(
        _relations_of(
            "Minister Ivo Dal said President Ada Holm and President Remo Ott could meet. The "
            "talks were long. He met Lea Finn in Bergen on Monday.",
            "2025-10-22",
        )
    )
    assert {("met", frozenset(("Ivo Dal", "Lea Finn")), "2025-10-20")} == found


@pytest.mark.parametrize(
    ("sentence", "rtype"),
    [
        ("Ivo Dal held telephone talks with Ada Holm on Monday.", "phoned"),
        ("Ivo Dal had phone talks with Ada Holm on Monday.", "phoned"),
        ("Ivo Dal and Ada Holm held phone talks on Monday.", "phoned"),
        ("Ivo Dal told Ada Holm by phone on Monday that Norway would help.", "phoned"),
        ("Ivo Dal assured Ada Holm by telephone on Monday that Norway would help.", "phoned"),
        ("Ivo Dal and Ada Holm spoke via video link on Monday.", "phoned"),
        ("Ivo Dal conferred with Ada Holm by phone on Monday.", "phoned"),
        ("Ivo Dal conferred with Ada Holm in Oslo on Monday.", "met"),
        ("Ivo Dal huddled with Ada Holm in Oslo on Monday.", "met"),
        ("Ivo Dal had an audience with Ada Holm on Monday.", "met"),
        ("Ivo Dal paid a courtesy call on Ada Holm in Oslo on Monday.", "met"),
    ],
)
def test_less_common_wordings_of_calls_and_meetings(sentence: str, rtype: str) -> None:
    """Telephone talks, telling someone by phone and talking via video link are calls
    (guidelines 6.2); conferring or huddling with someone (in person), an audience and a
    courtesy call are meetings; each on Monday 2025-10-20 for a report of 2025-10-22."""
    assert {(rtype, frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20")} == _symmetric(
        _relations_of(sentence, "2025-10-22")
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Ivo Dal told reporters by phone on Monday that Norway would help Ada Holm.",
        "Ivo Dal told Ada Holm on Monday that Norway would help.",
        "Ivo Dal huddled with aides on Monday.",
    ],
)
def test_telling_and_huddling_without_a_call_or_a_counterpart_is_no_contact(
    sentence: str,
) -> None:
    """Telling reporters by phone, telling someone without a medium, and huddling with
    unnamed aides are no call and no meeting of two actors."""
    assert not _relations_of(sentence, "2025-10-22")


@pytest.mark.parametrize(
    "target",
    ["Sudan's government", "Sudan's federal government", "Sudan's transitional government"],
)
def test_a_sanction_on_a_states_government_is_on_the_state(target: str) -> None:
    """ "lifted the arms embargo on Sudan's federal government": the target is Sudan (a
    state's government is the state, guidelines 3), on Friday 2025-10-17 for a report of
    Wednesday 2025-10-22."""
    found = _relations_of(
        f"The U.N. Security Council on Friday lifted the arms embargo on {target}.", "2025-10-22"
    )
    assert {("sanctioned", "U.N. Security Council", "Sudan", "2025-10-17")} == found


def test_a_sanction_on_a_states_officials_is_not_on_the_state() -> None:
    """ "sanctions on Sudan's government officials" are on people, not on Sudan."""
    found = _relations_of(
        "Norway on Friday imposed sanctions on Sudan's government officials.", "2025-10-22"
    )
    assert not any(r[0] == "sanctioned" and r[2] == "Sudan" for r in found)


def test_the_council_capitalised_is_the_council_named_before() -> None:
    """ "The U.N. Security Council on Friday imposed sanctions on Sudan. The Council also
    imposed an arms embargo on Hamas": the Council is the Security Council, so it sanctioned
    both, on Friday 2025-10-17 (report of Wednesday 2025-10-22)."""
    assert {
        ("sanctioned", "U.N. Security Council", "Sudan", "2025-10-17"),
        ("sanctioned", "U.N. Security Council", "Hamas", "2025-10-17"),
    } == _relations_of(
        "The U.N. Security Council on Friday imposed sanctions on Sudan. The Council also "
        "imposed an arms embargo on Hamas.",
        "2025-10-22",
    )


def test_an_al_name_standing_alone_is_a_group_and_a_sanction_target() -> None:
    """ "sanctions on al-Qaeda and on Ivo Dal": al-Qaeda (article "al-" and a capitalised
    word, no name before it) is an organisation targeted with Ivo Dal, and so is "al
    Shabaab" spelt without the hyphen; in "Abdul Malik
    al-Houthi" the "al-" word is part of the person's name, not a group of its own."""
    assert {
        ("sanctioned", "Norway", "al-Qaeda", "2025-10-17"),
        ("sanctioned", "Norway", "Ivo Dal", "2025-10-17"),
    } == _relations_of(
        "Norway on Friday imposed sanctions on al-Qaeda and on Ivo Dal.", "2025-10-22"
    )
    assert {("sanctioned", "Norway", "al Shabaab", "2025-10-17")} == _relations_of(
        "Norway on Friday imposed sanctions on al Shabaab.", "2025-10-22"
    )
    person = _relations_of(
        "Norway on Friday imposed sanctions on Abdul Malik al-Houthi.", "2025-10-22"
    )
    assert not any(r[2] == "al-Houthi" for r in person)


def test_a_sanction_told_in_a_participle_apposition() -> None:
    """ "A, sanctioned by Norway in 2019, met B on Monday": Norway sanctioned A in 2019 (not
    A sanctioning B), and the meeting is Monday's, 2025-10-20 (report of 2025-10-22); without
    a date of its own the meeting takes none of the apposition's."""
    assert {
        ("sanctioned", "Norway", "Ivo Dal", "2019"),
        ("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20"),
    } == _symmetric(
        _relations_of(
            "Ivo Dal, sanctioned by Norway in 2019, met Ada Holm on Monday.", "2025-10-22"
        )
    )
    assert {
        ("sanctioned", "Norway", "Ivo Dal", "2019"),
        ("met", frozenset(("Ivo Dal", "Ada Holm")), None),
    } == _symmetric(
        _relations_of("Ivo Dal, sanctioned by Norway in 2019, met Ada Holm.", "2025-10-22")
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Three leaders of the group, Ivo Dal, Ada Holm and Remo Ott, would remain under U.S. "
        "sanctions, he said.",
        "Ivo Dal, Ada Holm and Remo Ott are already under U.S. sanctions.",
    ],
)
def test_people_kept_under_a_states_sanctions_are_its_targets(sentence: str) -> None:
    """ "A, B and C would remain under U.S. sanctions": the United States sanctions each of
    the three (sanctions kept in force, guidelines 6.6; no date in the sentence)."""
    assert {
        ("sanctioned", "U.S.", "Ivo Dal", None),
        ("sanctioned", "U.S.", "Ada Holm", None),
        ("sanctioned", "U.S.", "Remo Ott", None),
    } == _relations_of(sentence, "2025-10-22")


def test_a_talk_about_sanctions_under_discussion_names_no_new_target() -> None:
    """ "A and B met and discussed life under Norwegian sanctions" has no status verb
    before "under": no one is taken as a target of Norway."""
    found = _relations_of(
        "Ivo Dal and Ada Holm met on Monday and discussed life under Norwegian sanctions.",
        "2025-10-22",
    )
    assert not any(r[0] == "sanctioned" for r in found)


@pytest.mark.parametrize("opening", ["After the talks, a", "A"])
def test_a_subject_after_an_opening_phrase_is_no_apposition(opening: str) -> None:
    """ "After the talks, a delegation led by A, a senior adviser, met B on Monday": the comma
    closing the opening phrase starts no apposition, so A (who leads the delegation) met B, on
    Monday 2025-10-20 for a report of 2025-10-22, as without the opening phrase."""
    found = _symmetric(
        _relations_of(
            f"{opening} Norwegian delegation led by Ivo Dal, a senior adviser, met Prime "
            "Minister Ada Holm in the capital on Monday.",
            "2025-10-22",
        )
    )
    assert {("met", frozenset(("Ivo Dal", "Ada Holm")), "2025-10-20")} == found


@pytest.mark.parametrize(
    ("sentence", "source", "day"),
    [
        (
            "Ada Holm has left in place the sanctions that Norway imposed on Sudan in 2019.",
            "Norway",
            "2019",
        ),
        (
            "Ada Holm has left in place the tougher sanctions that her predecessor, Ivo Dal, "
            "imposed on Sudan.",
            "Ivo Dal",
            None,
        ),
        ("The sanctions that Norway imposed on Sudan remain in force.", "Norway", None),
    ],
)
def test_sanctions_in_a_relative_clause_are_its_subjects(
    sentence: str, source: str, day: str | None
) -> None:
    """ "the sanctions that N imposed on S": N sanctioned S, not the main clause's subject
    (Ada Holm, who only keeps them), dated by the relative clause's own year when it has one."""
    assert {("sanctioned", source, "Sudan", day)} == _relations_of(sentence, "2025-10-22")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Former Chilean President Tomas Varga landed in Lima on Monday for a medical check. "
            "Peruvian President Elena Soto telephoned him on Tuesday to wish him well.",
            ("phoned", frozenset(("Tomas Varga", "Elena Soto")), "2024-03-05"),
        ),
        (
            "Opposition leader Mira Kallas was released from prison on March 2. "
            "Prime Minister Jon Halvorsen visited her in hospital on March 4, his office said.",
            ("met", frozenset(("Mira Kallas", "Jon Halvorsen")), "2024-03-04"),
        ),
    ],
)
def test_an_object_pronoun_is_not_its_verbs_subject(
    text: str, expected: tuple[object, ...]
) -> None:
    """ "B telephoned him" / "B visited her": the object pronoun is never the subject right
    before its verb (binding principle B) but the person of the sentence before, so B phoned
    or met that person; Tuesday before Friday 2024-03-08 is 2024-03-05 on a calendar."""
    assert {expected} == _symmetric(_relations_of(text, "2024-03-08"))


def test_a_possessive_her_after_a_verb_is_not_an_object() -> None:
    """ "visited her counterpart" is no object pronoun: "her" stays with the subject, and the
    counterpart (no name) makes no relation with the woman named before."""
    text = (
        "Opposition leader Mira Kallas was released from prison on March 2. "
        "Foreign Minister Lea Finn visited her counterpart in Riga on March 4."
    )
    assert not any("Mira Kallas" in r for r in _relations_of(text, "2024-03-08"))


_OFFICERS = (
    "OSLO, March 8 - Norway on Tuesday froze the assets of four army officers over the "
    "shooting of protesters. Those targeted include General Tor Lund and Colonel Ivo Dal, "
    "the first deputy commander of the border guard, as well as police chief Remo Ott. "
    "Lea Finn, a unit commander, was also named. "
)


def test_a_target_list_goes_on_after_an_apposition_and_in_a_later_passive() -> None:
    """ "A and B, the first deputy commander of ..., as well as C" lists C too (the apposition
    does not end the list), and "D was also named" after a sanction adds D; all four are dated
    by the sanction's Tuesday before Friday 2024-03-08, 2024-03-05."""
    found = _relations_of(_OFFICERS, "2024-03-08")
    expected = {
        ("sanctioned", "Norway", name, "2024-03-05")
        for name in ("Tor Lund", "Ivo Dal", "Remo Ott", "Lea Finn")
    }
    assert expected == found


def test_sanctions_on_the_same_officials_reach_the_set_told_before() -> None:
    """ "Denmark imposed sanctions on the same four officers on Wednesday": a set anaphor, so
    Denmark sanctioned each of the four people Norway sanctioned, on its own date (Wednesday
    before Friday 2024-03-08 is 2024-03-06)."""
    text = _OFFICERS + "Denmark imposed sanctions on the same four officers on Wednesday."
    found = {r for r in _relations_of(text, "2024-03-08") if r[1] == "Denmark"}
    expected = {
        ("sanctioned", "Denmark", name, "2024-03-06")
        for name in ("Tor Lund", "Ivo Dal", "Remo Ott", "Lea Finn")
    }
    assert expected == found


def test_the_same_companies_are_the_bodies_told_before_not_the_people() -> None:
    """ "the same two companies" takes the bodies among the earlier targets, not the person
    listed with them; the date is the earlier sanction's (no date of its own)."""
    text = (
        "Norway on Tuesday froze the assets of Vexo Shipping, Borex Trading and their owner, "
        "Ivo Dal. Denmark later imposed sanctions on the same two companies."
    )
    found = {r for r in _relations_of(text, "2024-03-08") if r[1] == "Denmark"}
    expected = {
        ("sanctioned", "Denmark", name, "2024-03-05") for name in ("Vexo Shipping", "Borex Trading")
    }
    assert expected == found


@pytest.mark.parametrize(
    ("full", "short"),
    [("Antonio Carlos Tavares da Costa", "Tavares"), ("Carlos Ruiz Ferrer", "Ruiz")],
)
def test_a_middle_name_is_a_short_form_of_a_long_name(full: str, short: str) -> None:
    """A name of three or more words is later told by a middle name (Portuguese "Lula" of
    "Luiz Inacio Lula da Silva", the first surname of a Spanish double surname): "Tavares
    phoned Ada Holm on Monday" is a call of the person named in full; Monday before Friday
    2024-03-08 is 2024-03-04."""
    text = (
        f"President {full} took office in January. {short} phoned Prime Minister Ada Holm on "
        "Monday to discuss trade."
    )
    assert {("phoned", frozenset((full, "Ada Holm")), "2024-03-04")} == _symmetric(
        _relations_of(text, "2024-03-08")
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the month told last: March of a report of 2024-06-01 is 2024-03
        (
            "Ivo Dal was named in January and took up the post in March. "
            "That month he met Ada Holm.",
            "2024-03",
        ),
        # a day told after the month: the day's month
        (
            "Ivo Dal was named in January and arrived on May 3. That month he met Ada Holm.",
            "2024-05",
        ),
    ],
)
def test_that_month_is_the_month_told_last(text: str, value: str) -> None:
    """ "That month" is the month of the latest month or day told before it, counted by hand
    for a report of 2024-06-01, not the report's own month."""
    [that] = [t for t in find_timexes(text, date(2024, 6, 1)) if t.text == "That month"]
    assert value == that.value


def test_a_when_clause_after_since_takes_its_date() -> None:
    """ "since March 2021, when A received B": the period's bound is the time of the
    when-clause's own meeting, so A met B in 2021-03 (the month as written)."""
    text = (
        "President Ada Holm held talks with Prime Minister Remo Ott in Oslo on Friday, her "
        "first meeting with a foreign leader since March 2021, when she received Chancellor "
        "Ivo Dal in Bergen."
    )
    found = _symmetric(_relations_of(text, "2024-06-01"))
    assert ("met", frozenset(("Ada Holm", "Ivo Dal")), "2021-03") in found
    assert ("met", frozenset(("Ada Holm", "Remo Ott")), "2024-05-31") in found


def test_the_two_men_meeting_with_a_third_meet_each_other_and_the_third() -> None:
    """ "The two men also held a three-way meeting with C the same day": the two are the pair
    of the meeting told just before, and each of them met C; "the same day" is that
    meeting's Sunday, 2024-06-02 before Wednesday 2024-06-05."""
    text = (
        "Prime Minister Ivo Dal met President Remo Ott in Oslo on Sunday, their first formal "
        "summit. The two men also held a three-way meeting with Chancellor Ada Holm in the "
        "Norwegian capital the same day."
    )
    assert {
        ("met", frozenset(("Ivo Dal", "Remo Ott")), "2024-06-02"),
        ("met", frozenset(("Ivo Dal", "Ada Holm")), "2024-06-02"),
        ("met", frozenset(("Remo Ott", "Ada Holm")), "2024-06-02"),
    } == _symmetric(_relations_of(text, "2024-06-05"))


def test_speaking_to_someone_by_telephone_is_a_call() -> None:
    """ "while speaking to B by telephone": the participle is a call as much as "spoke to B by
    telephone", dated by the clause's month (May before June 2024: 2024-05)."""
    text = (
        "The deal was announced in May by President Ivo Dal while speaking to Prime Minister "
        "Ada Holm by telephone from his office."
    )
    assert {("phoned", frozenset(("Ivo Dal", "Ada Holm")), "2024-05")} == _symmetric(
        _relations_of(text, "2024-06-05")
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Canada on Tuesday revoked the visa of businessman Ivo Dal over his role in the "
            "crackdown.",
            {("sanctioned", "Canada", "Ivo Dal", "2024-06-04")},
        ),
        (
            "In March, Canada barred former general Remo Ott from entering Canada.",
            {("sanctioned", "Canada", "Remo Ott", "2024-03")},
        ),
        (
            "Last month Canada revoked Ada Holm's diplomatic visa after her speech.",
            {("sanctioned", "Canada", "Ada Holm", "2024-05")},
        ),
        ("Canada said it would revoke the visa of businessman Ivo Dal.", set()),
    ],
)
def test_a_visa_revoked_or_an_entry_barred_is_a_sanction(
    sentence: str, expected: set[tuple[str, str, str, str]]
) -> None:
    """Revoking a named person's visa or barring him from entering is a visa ban (guidelines
    6.6) by the subject of the verb, dated by the sentence (Tuesday before Friday 2024-06-07
    is 2024-06-04; "last month" is 2024-05); a revocation only said to come is not actual."""
    assert expected == _relations_of(sentence, "2024-06-07")


def test_most_of_the_sanctions_is_a_step_on_the_measures_not_a_back_reference() -> None:
    """ "lifted most of the sanctions it had imposed on B" is a sanction step of its own
    ("of the" after a quantity is no event told before), by a regional body of the table
    (ASEAN), on Saturday before Monday 2024-06-10: 2024-06-08."""
    text = "ASEAN on Saturday lifted most of the sanctions it had imposed on Myanmar."
    assert {("sanctioned", "ASEAN", "Myanmar", "2024-06-08")} == _relations_of(text, "2024-06-10")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ivo Dal, a former trade commissioner who twice resigned from Remo Ott's cabinet, "
            "was named to the Washington post by Ada Holm in December.",
            {("named_envoy", "Ada Holm", "Ivo Dal", "2024-12")},
        ),
        (
            "Ivo Dal, a businessman who once advised President Remo Ott, was sanctioned by "
            "Canada on Tuesday.",
            {("sanctioned", "Canada", "Ivo Dal", "2025-01-07")},
        ),
    ],
)
def test_a_passive_step_falls_on_the_subject_before_its_apposition(
    sentence: str, expected: set[tuple[str, str, str, str]]
) -> None:
    """ "A, a ... who ... B's ..., was named/sanctioned by C": the step falls on the subject A,
    not on the name inside the apposition; December before 2025-01-10 is 2024-12, Tuesday
    before Friday 2025-01-10 is 2025-01-07."""
    assert expected == _relations_of(sentence, "2025-01-10")


def test_an_institute_named_with_a_field_after_of_is_one_body() -> None:
    """ "the Central Institute of Applied Physics and Technology" is one organisation (not the
    person "Applied Physics"), and "the same two officers and the institute" reaches it too:
    Monday before Friday 2024-06-07 is 2024-06-03."""
    text = (
        "Norway on Monday froze the assets of army officers Tor Lund and Ivo Dal and the "
        "Central Institute of Applied Physics and Technology. Denmark imposed sanctions on "
        "the same two officers and the institute on the same day."
    )
    institute = "Central Institute of Applied Physics and Technology"
    expected = {
        ("sanctioned", source, target, "2024-06-03")
        for source in ("Norway", "Denmark")
        for target in ("Tor Lund", "Ivo Dal", institute)
    }
    assert expected == _relations_of(text, "2024-06-07")


def test_a_date_of_a_gerund_clause_after_since_is_not_the_meetings() -> None:
    """ "since taking office in January" dates the taking of office, not the meeting the
    sentence tells (guidelines 6.4: never a timex of another event), so the meeting keeps no
    date here."""
    text = (
        "Ivo Dal is only the second foreign leader President Ada Holm has received in Oslo "
        "since taking office in January."
    )
    assert {("met", frozenset(("Ivo Dal", "Ada Holm")), None)} == _symmetric(
        _relations_of(text, "2024-06-07")
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Canada placed businessman Ivo Dal under sanctions on Tuesday.",
            {("sanctioned", "Canada", "Ivo Dal", "2024-06-04")},
        ),
        (
            "Canada on Tuesday put Ivo Dal and Remo Ott under new sanctions.",
            {
                ("sanctioned", "Canada", "Ivo Dal", "2024-06-04"),
                ("sanctioned", "Canada", "Remo Ott", "2024-06-04"),
            },
        ),
    ],
)
def test_placing_someone_under_sanctions_sanctions_them(
    sentence: str, expected: set[tuple[str, str, str, str]]
) -> None:
    """ "placed/put A (and B) under sanctions": the subject sanctioned each object; Tuesday
    before Friday 2024-06-07 is 2024-06-04."""
    assert expected == _relations_of(sentence, "2024-06-07")


def test_an_infinitives_object_pronoun_is_the_main_verbs_object() -> None:
    """ "B called him on June 3 to wish him well": both pronouns are the person of the sentence
    before (the infinitive's subject is B), so B phoned that person on 2024-06-03."""
    text = (
        "Prime Minister Ivo Dal fell ill in May. President Ada Holm called him on June 3 to "
        "wish him well."
    )
    assert {("phoned", frozenset(("Ivo Dal", "Ada Holm")), "2024-06-03")} == _symmetric(
        _relations_of(text, "2024-06-07")
    )


def test_sanctions_on_him_reach_the_person_named_just_before() -> None:
    """ "Sweden imposed similar sanctions on him on Wednesday": an object pronoun is a target
    when its person was named in that sentence or the one before (Monday and Wednesday before
    Friday 2024-06-07: 2024-06-03 and 2024-06-05)."""
    text = (
        "Norway on Monday imposed sanctions on Tor Lund. Sweden imposed similar sanctions on "
        "him on Wednesday."
    )
    assert {
        ("sanctioned", "Norway", "Tor Lund", "2024-06-03"),
        ("sanctioned", "Sweden", "Tor Lund", "2024-06-05"),
    } == _relations_of(text, "2024-06-07")


def test_sanctions_on_him_far_from_any_name_make_no_relation() -> None:
    """An object pronoun whose person was last named two sentences or more before is no
    target (its resolution is too unsure to sanction anyone)."""
    text = (
        "Norway on Monday imposed sanctions on Tor Lund. The measures were agreed last week. "
        "Sweden imposed similar sanctions on him on Wednesday."
    )
    assert not any(r[1] == "Sweden" for r in _relations_of(text, "2024-06-07"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norway on Monday imposed sanctions on Tor Lund. Sweden followed suit on Wednesday.",
            {
                ("sanctioned", "Norway", "Tor Lund", "2024-06-03"),
                ("sanctioned", "Sweden", "Tor Lund", "2024-06-05"),
            },
        ),
        (
            "Norway on Monday imposed sanctions on Tor Lund and Ivo Dal, and Sweden did the same.",
            {
                (source, target)
                for source in ("Norway", "Sweden")
                for target in ("Tor Lund", "Ivo Dal")
            },
        ),
        (
            "Norway on Monday imposed sanctions on Tor Lund. Sweden said it would follow suit.",
            {("Norway", "Tor Lund")},
        ),
    ],
)
def test_another_sanctioner_following_suit_takes_the_same_targets(
    text: str, expected: set[tuple[str, ...]]
) -> None:
    """ "C followed suit (on Wednesday)" / "and C did the same" after a sanction: C sanctioned
    the same targets, on its own date (Wednesday before Friday 2024-06-07 is 2024-06-05) or
    the sanction's (Monday, 2024-06-03); a step only promised is no relation."""
    found = _relations_of(text, "2024-06-07")
    width = len(next(iter(expected)))
    if width == 2:
        assert expected == {(r[1], r[2]) for r in found}
        assert {r[3] for r in found} == {"2024-06-03"}
    else:
        assert expected == found


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("They met on the 12th of March.", "the 12th of March", "2024-03-12"),
        ("They met on the 3rd of May, 2022.", "the 3rd of May, 2022", "2022-05-03"),
    ],
)
def test_an_ordinal_day_of_a_month_is_a_day(text: str, span: str, value: str) -> None:
    """ "the 12th of March" in a report of 2024-06-07 is the past March 12, 2024-03-12 (not the
    month alone); with its year it is that year's day."""
    [found] = find_timexes(text, date(2024, 6, 7))
    assert (span, value) == (found.text, found.value)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The sanctions announced by Norway on Monday target Tor Lund and Vexo Shipping.",
            {
                ("sanctioned", "Norway", "Tor Lund", "2024-06-03"),
                ("sanctioned", "Norway", "Vexo Shipping", "2024-06-03"),
            },
        ),
        (
            "The sanctions on Tor Lund, announced by Norway on Monday, freeze his assets.",
            {("sanctioned", "Norway", "Tor Lund", "2024-06-03")},
        ),
        (
            "Norway's new sanctions, announced on Monday, target Tor Lund.",
            {("sanctioned", "Norway", "Tor Lund", "2024-06-03")},
        ),
        ("The sanctions would target Tor Lund.", set()),
        (
            "Norway announced sanctions on Monday against Tor Lund.",
            {("sanctioned", "Norway", "Tor Lund", "2024-06-03")},
        ),
    ],
)
def test_sanctions_as_a_subject_take_their_possessor_or_agent(
    sentence: str, expected: set[tuple[str, str, str, str]]
) -> None:
    """Sanctions told as a subject ("Norway's new sanctions target A", "the sanctions announced
    by Norway target A and B", "the sanctions on A, announced by Norway, ...") are Norway's on
    each target; "on Monday" before "against A" is a date, not the target; sanctions that only
    would target make nothing (Monday before Friday 2024-06-07 is 2024-06-03)."""
    assert expected == _relations_of(sentence, "2024-06-07")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ada Holm met Ivo Dal on Monday and Remo Ott on Tuesday.",
            {
                ("met", frozenset(("Ada Holm", "Ivo Dal")), "2024-06-03"),
                ("met", frozenset(("Ada Holm", "Remo Ott")), "2024-06-04"),
            },
        ),
        (
            "Ada Holm phoned Ivo Dal in March and Remo Ott in April.",
            {
                ("phoned", frozenset(("Ada Holm", "Ivo Dal")), "2024-03"),
                ("phoned", frozenset(("Ada Holm", "Remo Ott")), "2024-04"),
            },
        ),
        (
            "Ada Holm met Ivo Dal on Monday and Remo Ott said on Tuesday that he was pleased.",
            {("met", frozenset(("Ada Holm", "Ivo Dal")), "2024-06-03")},
        ),
    ],
)
def test_a_gapped_contact_verb_relates_the_second_object_on_its_own_date(
    sentence: str, expected: set[tuple[object, ...]]
) -> None:
    """ "A met B on Monday and C on Tuesday": the verb is gapped, so A met C on Tuesday
    (Monday and Tuesday before Friday 2024-06-07: 2024-06-03, 2024-06-04); a clause of its own
    after "and" ("C said on Tuesday") is no second object."""
    assert expected == _symmetric(_relations_of(sentence, "2024-06-07"))


@pytest.mark.parametrize(
    "second",
    [
        "They include Tor Lund and Ivo Dal.",
        "Tor Lund and Ivo Dal are among them.",
        "Tor Lund, a businessman, and Ivo Dal were among those targeted.",
    ],
)
def test_targets_told_as_members_of_the_set_just_sanctioned(second: str) -> None:
    """After "blacklisted 12 people", "They include A and B" / "A and B are among them" name
    targets of that step: the Treasury sanctioned each, on its Monday (2024-06-03 before
    Friday 2024-06-07)."""
    text = "The Treasury on Monday blacklisted 12 people. " + second
    assert {
        ("sanctioned", "Treasury", "Tor Lund", "2024-06-03"),
        ("sanctioned", "Treasury", "Ivo Dal", "2024-06-03"),
    } == _relations_of(text, "2024-06-07")


@pytest.mark.parametrize(
    "sentence",
    [
        "Britain froze Tor Lund's assets on Monday.",
        "Britain on Monday froze all of Tor Lund's bank accounts.",
        "Britain on Monday ordered a freeze on the assets of Tor Lund.",
        "Britain on Monday freezes assets of Tor Lund.",
        "Britain has frozen the assets of Tor Lund, the Treasury said on Monday.",
    ],
)
def test_an_asset_freeze_falls_on_the_owner(sentence: str) -> None:
    """A freeze on someone's assets ("froze A's assets", "a freeze on the assets of A",
    "freezes assets of A", "has frozen the assets of A") sanctions the owner; Monday before
    Friday 2024-06-07 is 2024-06-03."""
    found = {(r[0], r[2], r[3]) for r in _relations_of(sentence, "2024-06-07")}
    assert {("sanctioned", "Tor Lund", "2024-06-03")} == found


def test_a_freeze_of_his_assets_reaches_the_person_named_before() -> None:
    """ "Sweden froze his assets" after a sentence naming Tor Lund: the possessive's person is
    the target (Wednesday before Friday 2024-06-07 is 2024-06-05)."""
    text = "Tor Lund fled the country in May. Sweden froze his assets on Wednesday."
    assert {("sanctioned", "Sweden", "Tor Lund", "2024-06-05")} == _relations_of(text, "2024-06-07")


def test_being_called_by_someone_is_a_call() -> None:
    """ "A was called by B on Monday" is a call of the two (Monday before Friday 2024-06-07 is
    2024-06-03); "The plan was called by B a betrayal" (naming) makes none."""
    called = _symmetric(_relations_of("Ada Holm was called by Ivo Dal on Monday.", "2024-06-07"))
    assert {("phoned", frozenset(("Ada Holm", "Ivo Dal")), "2024-06-03")} == called
    assert set() == _relations_of("The plan was called by Ivo Dal a betrayal.", "2024-06-07")


def test_a_having_clause_keeps_its_own_date() -> None:
    """ "A met B on Tuesday, having spoken to him by phone on Monday": the call is Monday's
    (2024-06-03), the meeting Tuesday's (2024-06-04), in a report of Friday 2024-06-07; the
    date before the participle clause belongs to the main clause."""
    text = "Ada Holm met Ivo Dal on Tuesday, having spoken to him by phone on Monday."
    assert {
        ("met", frozenset(("Ada Holm", "Ivo Dal")), "2024-06-04"),
        ("phoned", frozenset(("Ada Holm", "Ivo Dal")), "2024-06-03"),
    } == _symmetric(_relations_of(text, "2024-06-07"))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ivo Dal was chosen by President Ada Holm as special envoy on Monday.",
            {("named_envoy", "Ada Holm", "Ivo Dal", "2024-06-03")},
        ),
        (
            "On Monday, President Ada Holm announced the appointment of Ivo Dal as special "
            "envoy for Syria.",
            {("named_envoy", "Ada Holm", "Ivo Dal", "2024-06-03")},
        ),
        (
            "Ada Holm selected Ivo Dal Rasmussen as her envoy to Syria on Monday.",
            {("named_envoy", "Ada Holm", "Ivo Dal Rasmussen", "2024-06-03")},
        ),
        ("Ada Holm criticised the appointment of Ivo Dal as chief of staff.", set()),
    ],
)
def test_more_wordings_of_an_envoys_appointment(
    sentence: str, expected: set[tuple[str, str, str, str]]
) -> None:
    """ "was chosen by A as special envoy", "announced the appointment of B as special envoy",
    "selected B as her envoy" name an envoy (Monday before Friday 2024-06-07: 2024-06-03);
    the appointment to a post that is no envoy's is not one."""
    assert expected == _relations_of(sentence, "2024-06-07")
