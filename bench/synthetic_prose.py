"""Plain-English filler for synthetic plans: names, titles and sentences that pass site_gen's prose checks.

Every sentence is short (the checker warns above 25 words), uses no acronym outside ACRONYMS (which the
synthetic glossary defines), no hand-typed money and no figures other than years, so that a synthetic
plan is clean under `site-gen check --strict` and the only figures on a page come from macros.
"""

from __future__ import annotations

import random
import re

# The acronyms synthetic text may use, with what the glossary says about each.
ACRONYMS = {
    "NHS": ("National Health Service", "The public health service, free for everyone who needs it."),
    "GP": ("General practitioner", "A family doctor who works in a local practice."),
    "A&E": ("Accident and emergency", "The hospital department that treats people who are badly hurt or suddenly ill."),
    "ICB": ("Integrated care board", "The NHS body that plans and pays for most health services in its area."),
}
TERMS = {
    "Care plan": "A written plan, agreed with a person, of the care and support they will get.",
    "Virtual ward": "Care at home, with the checks and treatment a person would get on a hospital ward.",
    "Social prescribing": "Linking people to local groups and activities that help their health and wellbeing.",
}

TOPICS = (
    "stroke care", "heart health", "diabetes care", "mental health", "children's health", "maternity care",
    "end of life care", "dementia care", "frailty support", "falls prevention", "urgent care", "planned operations",
    "cancer care", "breathing problems", "kidney care", "eye care", "hearing care", "dental care",
    "learning disability support", "autism support", "support for carers", "healthy weight", "stop smoking support",
    "alcohol harm", "drug harm", "sexual health", "screening", "vaccination", "outpatient care", "hospital discharge",
    "care homes", "care at home", "community nursing", "pharmacy services", "therapy services", "skin care",
    "pain services", "patient transport", "housing and health", "loneliness",
)
PLACES = ("north", "south", "east", "west", "central", "riverside", "hillside", "coast")
PARTNERS = ("the county council", "local hospitals", "community groups", "our GP practices", "local charities",
            "the ambulance service", "housing teams", "schools and colleges")
ROLES = ("Director of strategy", "Chief finance officer", "Chief nursing officer", "Medical director",
         "Director of community services", "Director of public health", "Head of planned care",
         "Head of urgent care", "Head of mental health commissioning", "Head of primary care")
SERVICE_LINES = (
    "Hospital stays", "Clinic visits", "Home visits", "Medicines", "Equipment", "Staff training", "Buildings",
    "Transport", "Digital tools", "Grants to charities", "Care packages", "Therapy sessions", "Night services",
    "Weekend services", "Nurse clinics", "Health checks", "Group sessions", "Advice lines",
)
ACTIONS = (
    "one front door", "shared care records", "group clinics", "online booking", "home visits", "early checks",
    "peer support", "faster referrals", "care plans for all", "seven day cover", "joint teams", "better follow-up",
)
BRIDGE_STEPS = (("pay-rises", "Pay rises", 1), ("more-patients", "More patients", 1), ("savings", "Savings", -1),
                ("new-services", "New services", 1), ("lower-prices", "Lower prices", -1),
                ("stopped-services", "Stopped services", -1))

_SENTENCES = (
    "We will improve {topic} so that people get help sooner.",
    "People told us that {topic} can be hard to find and slow to reach.",
    "We will work with {partner} to plan {topic} around what people need.",
    "This work starts in {y1} and carries on into {y2}.",
    "Staff in the {place} will test new ways of working before we use them everywhere.",
    "We will ask patients and carers what works well and what does not.",
    "Good {topic} keeps people well at home and out of hospital.",
    "We will check progress every few months and publish what we find.",
    "Where care falls short, we will act quickly and say what we are doing.",
    "Money saved here will pay for better care elsewhere.",
    "Teams will share records safely, so people do not have to repeat their story.",
    "We want every family to know where to go for {topic}.",
    "Care will be planned with each person, not for them.",
    "Waiting times for {topic} have grown, and we want to bring them down.",
    "Our GP practices will refer people to {topic} in one simple step.",
    "NHS and council staff will work from the same buildings where they can.",
    "Fewer people should need a trip to A&E once this is in place.",
    "The ICB will pay for what works and stop paying for what does not.",
    "We will train staff so they feel confident with the new way of working.",
    "Carers will get clear advice and a named person to call.",
    "Some people find it hard to travel, so more care will come to them.",
    "We will make sure the change is fair for every part of our area.",
)
_LIST_ITEMS = (
    "Talk to people who use {topic}", "Agree one plan with {partner}", "Train staff in the new way of working",
    "Open the service for longer each week", "Check the results with patients", "Share what we learn across the area",
    "Make booking simpler", "Give carers a named contact",
)
_HEADINGS = (
    "How {topic} works today", "What we will change", "How we will know it is working", "Who we work with",
    "What people told us", "What happens next",
)
_TITLE_PATTERNS = ("Our plans for {topic}", "Improving {topic}", "{Topic} in our area")
_PAGE_SUMMARIES = ("What we will do about {topic} and why.", "How {topic} will change over the next two years.",
                   "Why {topic} matters and how we will improve it.")

# Words as site_gen's readability check counts them; a value macro reads as one figure, other macros as nothing.
_WORD = re.compile(r"\S*[A-Za-z0-9]\S*")
_VALUE_MACRO = re.compile(r"\{\{-?\s*value\(.*?\)\s*-?\}\}")
_OTHER_MACRO = re.compile(r"\{\{.*?\}\}")
LONGEST_SENTENCE = 22  # below site_gen's limit of 25, leaving room for a long name in a figure sentence


def words_in(sentence: str) -> int:
    return len(_WORD.findall(_OTHER_MACRO.sub(" ", _VALUE_MACRO.sub("0", sentence))))


def slug(text: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", " ", text.lower().replace("'", "")).split())


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case the first letter of a name used mid-sentence, unless it starts an acronym (A&E, GP)."""
    return text if len(text) > 1 and not text[1].islower() else text[:1].lower() + text[1:]


def topic_names(count: int) -> list[str]:
    """count distinct topics: the plain topics first, then each again in a named part of the area."""
    names = list(TOPICS)
    for place in PLACES:
        names += [f"{topic} in the {place}" for topic in TOPICS]
    while len(names) < count:  # beyond every topic in every place: numbered, still distinct
        names += [f"{name} {len(names) // len(TOPICS)}" for name in TOPICS]
    return names[:count]


class Writer:
    """Sentences, paragraphs and pages of filler, drawn from a seeded random generator."""

    def __init__(self, rng: random.Random, years: tuple[str, str]) -> None:
        self.rng = rng
        self.years = years

    def _fill(self, pattern: str, topic: str) -> str:
        return pattern.format(topic=topic, Topic=capital(topic), partner=self.rng.choice(PARTNERS),
                              place=self.rng.choice(PLACES), y1=self.years[0], y2=self.years[1])

    def paragraph(self, topic: str, figures: list[str] = ()) -> str:
        """Three to five sentences, with any figure sentences given mixed in (one per line, as authors write)."""
        lines = [self._fill(pattern, topic) for pattern in self.rng.sample(_SENTENCES, self.rng.randint(3, 5))]
        for figure in figures:
            lines.insert(self.rng.randint(0, len(lines)), figure)
        for line in lines:
            if words_in(line) > LONGEST_SENTENCE:
                raise ValueError(f"A synthetic sentence is too long for the plain-English check: {line}")
        return "\n".join(lines)

    def bullet_list(self, topic: str) -> str:
        items = self.rng.sample(_LIST_ITEMS, self.rng.randint(3, 5))
        return "We will do these things:\n\n" + "\n".join(f"- {self._fill(item, topic)}" for item in items)

    def heading(self, topic: str, used: set[str]) -> str:
        choices = [h for h in _HEADINGS if h not in used]
        chosen = self.rng.choice(choices or _HEADINGS)
        used.add(chosen)
        return self._fill(chosen, topic)

    def page_title(self, index: int, topics: list[str]) -> tuple[str, str]:
        """A distinct title for content page number index, and its topic."""
        topic = topics[index % len(topics)]
        pattern = _TITLE_PATTERNS[(index // len(topics)) % len(_TITLE_PATTERNS)]
        title = self._fill(pattern, topic)
        rounds = index // (len(topics) * len(_TITLE_PATTERNS))
        return (f"{title}, part {rounds + 1}" if rounds else title), topic

    def page_summary(self, topic: str) -> str:
        return self._fill(self.rng.choice(_PAGE_SUMMARIES), topic)
