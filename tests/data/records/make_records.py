"""How the meeting records in this folder were made (run once; the TOML files are the test data).

Each record rebuilds, from the real reporting cable in ``tests/data/cables/reports``,
what that report says happened in the meeting: who met whom, which points
were delivered, what each side said (as an officer would have typed it in the
app: notes in reported speech, fragments, verbatim quotes), what was raised
unprompted, other business, promises and the comment. The plan part of each
record is the importer's plan of the instruction, as ``demarche import`` made
it; the labels the importer could not seed are typed as an officer would in
Prepare. Run from the repository root: ``python tests/data/records/make_records.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from demarche.cable import read_cable_file
from demarche.classification import parse_marking
from demarche.model import Outcome, Owner, Person, Quoting, Record, Response, Side, Stage, Stance
from demarche.store.formats import record_to_toml

HERE = Path(__file__).parent
CABLES = HERE.parent / "cables" / "instructions"


def x(
    text: str,
    speaker: str = "",
    stance: Stance | None = None,
    side: Side = Side.HOST,
    verbatim: bool = False,
    key: bool = False,
    theme: str = "",
    marking: str = "",
) -> Response:
    return Response(
        stance=stance,
        text=text,
        quoting=Quoting.VERBATIM if verbatim else Quoting.PARAPHRASE,
        speaker=speaker,
        side=side,
        key=key,
        theme=theme,
        marking=parse_marking(marking) if marking else None,
    )


def us(text: str, speaker: str = "", theme: str = "", marking: str = "") -> Response:
    return x(text, speaker, side=Side.US, theme=theme, marking=marking)


def record(cable: str) -> Record:
    r = Record.from_plan(read_cable_file(CABLES / cable).plan)
    r.meeting.written_up = True
    return r


def converse(r: Record, item_id: str, *exchanges: Response) -> None:
    e = r.entry(item_id)
    e.response, e.exchanges = exchanges[0], list(exchanges[1:])


def damascus() -> Record:
    """10DAMASCUS168: the Charge's February 25, 2010 demarche to V/FM Miqdad (STATE 17307)."""
    r = record("10STATE17307.txt")
    r.marking = parse_marking("C")
    m = r.meeting
    m.date = dt.date(2010, 2, 25)
    m.interlocutors = [Person("Faisal al-Miqdad", "Vice Foreign Minister", "", "Miqdad")]
    m.participants = [
        Person("Charles Hunter", "Charge", "", "Charge"),
        Person("Pol/Econ Chief", "Pol/Econ Chief"),
    ]
    labels = {
        "tp-2": "President Asad's assurance to U/S Burns",
        "tp-3": "the supply of ballistic missiles to Hizballah",
        "tp-4": "a Hizballah operation to avenge Mughniyeh",
        "tp-5": "Syria's influence over Hizballah",
        "tp-6": "restraint",
        "tp-7": "Syria's support for Hizballah",
    }
    for e in r.entries:
        e.outcome = Outcome.DELIVERED
        e.item.label = labels.get(e.id, e.item.label)
    israel, weapons, follow = (
        "Direct Your Message to Israel",
        "Denial of Supply of Weapons to Hizballah",
        "CVT and DCS Follow-Up",
    )
    converse(
        r,
        "tp-1",
        x(
            'Miqdad interrupted twice to confirm whether the demarche concerned the transfer of ballistic missiles and whether the message was a U.S. or an Israeli "warning."',
            "Miqdad",
            Stance.ASKED_FOR_INFORMATION,
            theme=israel,
        ),
        us(
            "the message reflected Washington concerns that SEMEP Mitchell and U/S Burns had shared previously with President Asad",
            "Charge",
            theme=israel,
        ),
        x(
            "Israel itself could not have sent a stronger warning",
            "Miqdad",
            Stance.OBJECTED,
            theme=israel,
        ),
        x(
            "The message shows the U.S. has not come to a mature position to differentiate between its own interests and Israel's.",
            "Miqdad",
            verbatim=True,
            theme=israel,
        ),
        x(
            "Syria was not in the mood to increase tensions or escalate, and was doing its best with Turkey and the U.S. to achieve peace",
            "Miqdad",
            theme=israel,
        ),
    )
    converse(
        r,
        "tp-3",
        x(
            "Miqdad flatly denied any Syrian role in supplying weapons to Hizballah.",
            "Miqdad",
            Stance.OBJECTED,
            key=True,
            theme=weapons,
        ),
        x(
            "You may hear about weapons going to Hizballah, but they are absolutely not coming through Syria.",
            "Miqdad",
            verbatim=True,
            theme=weapons,
        ),
        us(
            "the U.S. was issuing neither threats nor ultimatums, but sought to convey a shared interest in avoiding conflict",
            "Charge",
            theme=weapons,
        ),
        x(
            'Miqdad commented that it was "strange" the U.S. had chosen to deliver "harsh words while we\'re trying to build better relations."',
            "Miqdad",
            theme=weapons,
        ),
    )
    converse(
        r,
        "tp-6",
        us(
            "the U.S. was urging all parties in the region, including Israel, to exercise restraint and support Lebanese independence",
            "Charge",
            theme=weapons,
        ),
        x(
            "This is our commitment, we shall not interfere (in Lebanon).",
            "Miqdad",
            verbatim=True,
            theme=weapons,
        ),
        us(
            "the military capabilities of a non-state actor like Hizballah were a major concern because Hizballah answered only to its own leadership",
            "Charge",
            theme=weapons,
        ),
        x(
            "the provision of U.S. weapons to the region was a destabilizing factor",
            "Miqdad",
            theme=weapons,
        ),
    )
    converse(r, "tp-4", x("", "Miqdad", Stance.NO_RESPONSE, theme=weapons))
    r.statements = [
        x(
            "Miqdad said the U.S. message should be directed to Israel, not to Syria.",
            "Miqdad",
            key=True,
            theme=israel,
            marking="S",
        ),
        x(
            "Referring to Nasrallah's February 16 speech, Miqdad emphasized that Hizballah was responding to Israeli threats and would respond only if Israel attacked first.",
            "Miqdad",
            theme=israel,
            marking="S",
        ),
        x(
            'Syria believed in and supported the role of UNIFIL, and was using its contacts with the Lebanese Government to "insist" on Lebanon\'s full cooperation with UNIFIL',
            "Miqdad",
            theme=israel,
            marking="S",
        ),
    ]
    r.other_business = [
        us(
            "Charge raised PRM's pending request for help for the Center for Victims of Torture to begin a proposed project in Syria.",
            "Charge",
            theme=follow,
        ),
        x(
            "Miqdad agreed to look at the matter and requested Embassy follow-up.",
            "Miqdad",
            theme=follow,
        ),
        us(
            "Charge asked Miqdad for advice on how to obtain written notification of President Asad's decision to allow the Damascus Community School to reopen.",
            "Charge",
            theme=follow,
        ),
        x(
            "Miqdad agreed that the matter required a response and advised the Charge to follow up with him in the coming week.",
            "Miqdad",
            theme=follow,
        ),
    ]
    r.add_follow_up("Convey the U.S. message to his superiors", Owner.HOST, None, None, item="tp-3")
    r.add_follow_up(
        "Review the request to assist the Center for Victims of Torture", Owner.HOST, None, None
    )
    r.add_follow_up(
        "Embassy to provide Miqdad with a list of the DHS circuit riders", Owner.US, None, None
    )
    r.add_follow_up(
        "Follow up with Miqdad on the Damascus Community School",
        Owner.US,
        dt.date(2010, 3, 4),
        None,
    )
    r.comment = (
        "Miqdad's surprise that we would raise this issue so forcefully on the heels of U/S Burns' visit may have "
        "been genuine, but the abject denial of any Syrian role in supplying arms to Hizballah and the verbal "
        "counter-attack against Israeli provocation were standard (if disingenuous) responses.\n\n"
        "Miqdad notably did not respond to our concern about a possible Hizballah revenge operation for the "
        "assassination of Imad Mughniyeh."
    )
    r.stage = Stage.FINISHED
    return r


def madrid() -> Record:
    """06MADRID779: Ambassador Aguirre's meeting with FM Moratinos (STATE 40904)."""
    r = record("06STATE40904.txt")
    r.marking = parse_marking("C")
    m = r.meeting
    m.date = dt.date(2006, 3, 30)
    m.interlocutors = [Person("Miguel Angel Moratinos", "Foreign Minister", "", "Moratinos")]
    m.participants = [Person("Eduardo Aguirre", "Ambassador", "", "Ambassador Aguirre")]
    for e in r.entries:
        if e.item.kind.value == "talking_point":
            e.outcome = Outcome.DELIVERED
    r.entry("tp-2").item.label = "unilateral measures such as the stop in Damascus"
    converse(
        r,
        "tp-2",
        x(
            "Moratinos said he had cancelled his planned April trip to Damascus as a sign of Spain's desire to work with the US.",
            "Moratinos",
            key=True,
            theme="Syria",
        ),
        x(
            "he believed it was a mistake to continue to isolate the Asad regime",
            "Moratinos",
            Stance.OBJECTED,
            theme="Syria",
        ),
        us(
            "Ambassador Aguirre reviewed in detail US concerns regarding Syria, emphasizing the multilateral approach, insistence on fulfillment of UN Security Council resolutions and close cooperation with the EU.",
            "Ambassador Aguirre",
            theme="Syria",
        ),
        us(
            "The Ambassador also made clear his and the USG's displeasure with press leaks about his discussions with Moratinos during the stop in Damascus.",
            "Ambassador Aguirre",
            theme="Syria",
        ),
    )
    r.statements = [
        x(
            "Raising the recent ETA ceasefire announcement, Moratinos conveyed President Zapatero's personal thanks to the Ambassador and the USG for the Department spokesman's response to questions about the ceasefire.",
            "Moratinos",
            key=True,
            theme="ETA",
        ),
        x(
            "the ceasefire offer was serious, even though there was a long road ahead",
            "Moratinos",
            theme="ETA",
        ),
        us(
            "The Ambassador asked whether Zapatero might hold early elections.",
            "Ambassador Aguirre",
            theme="ETA",
        ),
        x(
            "Zapatero had told him personally that there would be no early elections",
            "Moratinos",
            theme="ETA",
        ),
    ]
    r.other_business = [
        x(
            "Moratinos said he understood US concerns about possible Spanish defense sales to Libya and had spoken to Defense Minister Bono; there would be nothing further on refurbishing Libyan Chinook helicopters.",
            "Moratinos",
            theme="Libya",
        ),
        x(
            "Moratinos affirmed his desire to work closely with the US on Latin America.",
            "Moratinos",
            theme="Latin America",
        ),
        x(
            "Evo Morales had given Spanish Deputy FM Bernardino Leon a message for the US: Bolivian relations with the US were better than he had expected",
            "Moratinos",
            theme="Latin America",
        ),
        us(
            "increased Spanish efforts to support Sumate in Venezuela would be welcome, and ending the aircraft sale to Venezuela would go a long way toward building US confidence",
            "Ambassador Aguirre",
            theme="Latin America",
        ),
        x("the plane sale was dead", "Moratinos", theme="Latin America"),
        us(
            "The Ambassador asked about plans to send Spanish Guardia Civil and police to Haiti following the withdrawal of Spanish troops.",
            "Ambassador Aguirre",
            theme="Haiti",
        ),
        x(
            "he was working to get some 50-60 Guardia Civil and Spanish National Police officers to Haiti, with 40-50 Moroccan counterparts, but neither contingent was yet confirmed",
            "Moratinos",
            theme="Haiti",
        ),
        us(
            "The Ambassador broached rumors that Spain might augment its troop presence in Afghanistan.",
            "Ambassador Aguirre",
            theme="Afghanistan",
        ),
        x(
            "nothing was definite yet, but he was seeking to convince DefMin Bono to send some 100 more troops to the Spanish PRT in Western Afghanistan",
            "Moratinos",
            theme="Afghanistan",
        ),
        us(
            "The Ambassador raised NATO's efforts to support the AMIS operation in Darfur, after reports that the Spanish PermRep had posed difficulties.",
            "Ambassador Aguirre",
            theme="Darfur",
        ),
        x(
            "Moratinos was not briefed on the issue and said he would investigate right away.",
            "Moratinos",
            theme="Darfur",
        ),
        us(
            "Ambassador Aguirre told Moratinos that NEA A/S Welch was unlikely to visit Madrid soon to discuss Western Sahara.",
            "Ambassador Aguirre",
            theme="Western Sahara",
        ),
        x(
            "Moratinos expressed disappointment and said it made sense for the US, Spain and others to strategize in advance.",
            "Moratinos",
            theme="Western Sahara",
        ),
        x(
            "Moratinos asked whether he and the Ambassador should stop in Washington on the way to the US-Spain Council meetings in mid-June and meet with Secretary Rice.",
            "Moratinos",
            key=True,
            theme="A Visit by the Secretary",
        ),
        us(
            "Ambassador Aguirre undertook to pass the suggestion back to Washington.",
            "Ambassador Aguirre",
            theme="A Visit by the Secretary",
        ),
    ]
    r.add_follow_up(
        "Investigate the Spanish PermRep's position on NATO support for AMIS",
        Owner.HOST,
        None,
        None,
    )
    r.add_follow_up(
        "Pass to Washington Moratinos's suggestion of a meeting with the Secretary in mid-June",
        Owner.US,
        None,
        None,
    )
    r.comment = ""
    r.stage = Stage.FINISHED
    return r


def tokyo() -> Record:
    """09TOKYO1598: Embassy Tokyo's July 9, 2009 delivery to MOFA (STATE 67207, an Australia Group collective)."""
    r = record("09STATE67207.txt")
    r.choose_audience("JAPAN")
    m = r.meeting
    m.date = dt.date(2009, 7, 9)
    m.interlocutors = [
        Person(
            "Katsuro Nagai",
            "Director, International Counterterrorism Cooperation Division",
            "MOFA",
            "Nagai",
        ),
        Person(
            "Satoshi Taniguchi", "Deputy Director, BCW Conventions Division", "MOFA", "Taniguchi"
        ),
    ]
    m.participants = [Person("J. Smith", "EmbOff")]
    for e in r.agenda:
        e.outcome = Outcome.DELIVERED
    r.entry(
        "tp-2"
    ).item.label = "participation in the Information Exchange and Enforcement Experts meetings"
    converse(
        r,
        "tp-2",
        x(
            "Nagai and Taniguchi said they were aware of the Australia Group Plenary Information Exchange.",
            "Nagai",
            Stance.RECEPTIVE,
        ),
        x(
            "Japan would consider participating in the Plenary Information Exchange",
            "Nagai",
            key=True,
        ),
    )
    r.stage = Stage.FINISHED
    return r


if __name__ == "__main__":
    for name, make in (
        ("10DAMASCUS168", damascus),
        ("06MADRID779", madrid),
        ("09TOKYO1598", tokyo),
    ):
        (HERE / f"{name}.toml").write_text(record_to_toml(make()))
