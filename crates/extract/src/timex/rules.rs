//! The patterns of the recogniser: the shared word classes (months, weekdays, number words, parts
//! of day), the modifiers that extend an expression to the left, the words around a number that
//! say it is not a year (`lexicons/timex_not_year.txt`), and the rule table `RULES`: one
//! compiled regex per kind of expression, plus the tense cues. A new rule starts here (a field of
//! `Rules` and its regex), and gets its matcher in `calendar.rs` or `periods.rs`, called from
//! `spans::candidates`.

use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

const MONTH: &str = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?";
const WEEKDAY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const NUMWORD: &str = r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|hundred|a\s+few|few|several|many|some|a\s+couple\s+of|a\s+dozen|dozens\s+of|hundreds\s+of)";
const PARTOFDAY: &str = r"(?:morning|afternoon|evening|night)";

/// Modifiers that extend an expression to their left (lowercase, with the following space).
pub(super) const MODIFIERS: &[&str] = &[
    "the end of ",
    "the beginning of ",
    "the start of ",
    "the middle of ",
    "end of ",
    "early ",
    "late ",
    "mid-",
    "mid ",
    "fiscal ",
    "calendar ",
];

pub(super) static NOT_YEAR: LazyLock<(HashSet<&'static str>, HashSet<&'static str>)> =
    LazyLock::new(|| {
        let mut before = HashSet::new();
        let mut after = HashSet::new();
        for line in crate::lexicon::files::TIMEX_NOT_YEAR.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(w) = line.strip_prefix("before ") {
                before.insert(w.trim());
            } else if let Some(w) = line.strip_prefix("after ") {
                after.insert(w.trim());
            }
        }
        (before, after)
    });

pub(super) fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid timex regex")
}

/// One rule: a regex and the kind of expression it finds.
pub(super) struct Rules {
    pub(super) iso: Regex,
    pub(super) slash_date: Regex,
    pub(super) mdy: Regex,
    pub(super) dmy: Regex,
    pub(super) month_year: Regex,
    pub(super) bare_month: Regex,
    pub(super) weekday: Regex,
    pub(super) rel_day: Regex,
    pub(super) rel_unit: Regex,
    pub(super) ago: Regex,
    pub(super) duration: Regex,
    pub(super) for_units: Regex,
    pub(super) vague_units: Regex,
    pub(super) year: Regex,
    pub(super) decade: Regex,
    pub(super) day_of_month: Regex,
    pub(super) time: Regex,
    pub(super) quarter: Regex,
    pub(super) season: Regex,
    pub(super) refs: Regex,
    pub(super) set: Regex,
    pub(super) anaphor: Regex,
    pub(super) year_adj: Regex,
    pub(super) decade_word: Regex,
    pub(super) year_end: Regex,
    pub(super) month_alone: Regex,
    pub(super) spoken_year: Regex,
    pub(super) holiday: Regex,
    pub(super) century: Regex,
    pub(super) clock_word: Regex,
    pub(super) future_cue: Regex,
    pub(super) past_cue: Regex,
}

pub(super) static RULES: LazyLock<Rules> = LazyLock::new(|| Rules {
    iso: re(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)"),
    // 7/8/07, 03/21/2013 (month first, as in US news, unless the first number cannot be a month)
    slash_date: re(r"(?-u:\b)(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?-u:\b)"),
    // (this|last)? (Wednesday,)? January 12(th)? (and|-|to 13)? (, 2022)?
    mdy: re(&format!(
        r"(?i)(?-u:\b)(?:(?:this|last|next|on)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:\s*(?:and|-|–|to|through)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b))?(?:,?\s+(?P<y>\d{{4}})(?-u:\b))?"
    )),
    // (Wednesday,)? (the)? 12(th)? (of)? January (2022)?
    dmy: re(&format!(
        r"(?i)(?-u:\b)(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:and|-|–|to)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>\d{{4}})(?-u:\b))?"
    )),
    month_year: re(&format!(
        r"(?i)(?-u:\b)(?:(?P<mod>early|mid|late)[\s-]+)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>\d{{4}})(?-u:\b)"
    )),
    // in January / since March / at the turn of January-February
    bare_month: re(&format!(
        r"(?i)(?-u:\b)(?P<prep>in|since|by|until|till|from|before|after|during|of|through|throughout|last|next|this|early|mid|late|end\s+of|beginning\s+of|start\s+of|turn\s+of)[\s-]+(?P<mon>{MONTH})(?:\s*(?:-|–|/|to)\s*(?P<mon2>{MONTH}))?(?-u:\b)"
    )),
    weekday: re(&format!(
        r"(?i)(?-u:\b)(?:(?:the\s+)?(?P<mod>this|last|next|past|coming|previous|following)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{PARTOFDAY}))?(?:,\s*(?P<dom>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b))?"
    )),
    rel_day: re(&format!(
        r"(?i)(?-u:\b)(?:(?P<before>the\s+day\s+before\s+yesterday)|(?P<after>the\s+day\s+after\s+tomorrow)|(?P<w>yesterday|today|tomorrow|tonight|this\s+{PARTOFDAY}|last\s+night|last\s+evening))(?:\s+(?P<pod>{PARTOFDAY}))?(?-u:\b)"
    )),
    rel_unit: re(
        r"(?i)(?-u:\b)(?:the\s+)?(?P<mod>this|last|next|past|coming|previous|following|current)\s+(?P<unit>week|weekend|month|year|decade|century|quarter)(?-u:\b)",
    ),
    ago: re(&format!(
        r"(?i)(?-u:\b)(?:(?:about|almost|nearly|more\s+than|less\s+than|some|just|over|roughly|around|only)\s+)?(?P<n>{NUMWORD})\s+(?P<unit>days?|weeks?|months?|years?|decades?|centuries|century)(?:\s+or\s+so)?\s+(?:ago|earlier)(?-u:\b)"
    )),
    duration: re(&format!(
        r"(?i)(?-u:\b)(?P<pre>(?:more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|nearly|almost|around|some|at\s+least|up\s+to|roughly|approximately|the\s+past|the\s+last|the\s+next|the\s+first|the\s+coming|the\s+latest|the)\s+)?(?P<n>{NUMWORD})(?P<sep>[\s-]+)(?:(?P<half>1/2|and\s+a\s+half)\s+)?(?:more\s+)?(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?|centuries|century)(?P<half2>\s+and\s+a\s+half)?(?:[\s-]+long)?(?-u:\b)"
    )),
    for_units: re(
        r"(?i)(?-u:\b)(?:for|over\s+the\s+past|over\s+the\s+last|in\s+the\s+past|in\s+the\s+last)\s+(?P<unit>days|weeks|months|years|decades|centuries)(?-u:\b)",
    ),
    // "recent years", "the coming weeks": a vague stretch of time (PXY, PXW)
    vague_units: re(
        r"(?i)(?-u:\b)(?:(?P<the>the)\s+)?(?:recent|coming|past|next\s+few|last\s+few|past\s+few|several)\s+(?P<unit>days|weeks|months|quarters|years|decades)(?-u:\b)|(?-u:\b)the\s+(?P<unit2>days|weeks|months|years)\s+ahead(?-u:\b)|(?-u:\b)(?P<unit3>days?|weeks?|months?|years?|decades?)-long(?-u:\b)",
    ),
    year: re(r"(?-u:\b)(?P<y>1\d{3}|20\d{2})(?-u:\b)"),
    decade: re(
        r"(?i)(?-u:\b)(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<y>1[89]\d0|20\d0)'?s(?-u:\b)",
    ),
    day_of_month: re(r"(?i)(?-u:\b)on\s+(?P<span>the\s+(?P<d>\d{1,2})(?:st|nd|rd|th))(?-u:\b)"),
    time: re(
        r"(?i)(?-u:\b)(?P<h>\d{1,2})(?::(?P<m>\d{2})|\s*(?P<ap0>a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b)))(?:\s*(?P<ap>a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b)))?(?:\s+(?P<tz>local\s+time|gmt|utc|cet|est|edt|et(?-u:\b)|moscow\s+time))?",
    ),
    quarter: re(
        r"(?i)(?-u:\b)(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?P<y>\d{4}))?(?-u:\b)",
    ),
    season: re(
        r"(?i)(?-u:\b)(?:(?P<mod>this|last|next|past|coming|the(?:\s+(?:early|late))?)\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>\d{4}))?(?-u:\b)",
    ),
    refs: re(
        r"(?i)(?-u:\b)(?P<now>now|nowadays|at\s+present|currently|at\s+the\s+moment|these\s+days)(?-u:\b)|(?-u:\b)(?:in\s+)?(?P<fut>the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|short)\s+term|a\s+later\s+date)(?-u:\b)|(?-u:\b)(?P<fut2>as\s+soon\s+as\s+possible|soon)(?-u:\b)|(?-u:\b)(?P<past>recently|lately|the\s+past)(?-u:\b)",
    ),
    set: re(&format!(
        r"(?i)(?-u:\b)(?:every|each)\s+(?:(?P<unit>day|week|month|year|quarter|hour)|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH}))(?-u:\b)|(?-u:\b)(?P<adv>annually|yearly|monthly|weekly|daily|hourly|nightly)(?-u:\b)|(?-u:\b)(?:on\s+)?(?P<wds>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)(?-u:\b)"
    )),
    // "the quarter", "the latest period", "the year-ago quarter", "the year", "the weekend"
    anaphor: re(
        r"(?i)(?-u:\b)(?P<det>the|that)\s+(?P<mods>(?:(?:latest|fiscal|current|same|full|comparable|previous|prior|year-earlier|year-ago|corresponding|most\s+recent|recent|entire|whole)\s+)*)(?P<unit>quarter|period|fiscal\s+year|year|month|week|weekend)(?-u:\b)",
    ),
    year_adj: re(r"(?i)(?-u:\b)year-(?:earlier|ago)(?-u:\b)"),
    decade_word: re(
        r"(?i)(?-u:\b)the\s+(?:(?:early|late|mid)[\s-]+)?(?P<d>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?-u:\b)",
    ),
    year_end: re(r"(?i)(?-u:\b)year(?:-|\s+|'s\s+)end(?-u:\b)"),
    month_alone: re(
        r"(?-u:\b)(?P<mon>January|February|March|April|June|July|August|September|October|November|December)(?-u:\b)",
    ),
    spoken_year: re(&format!(
        r"(?i)(?-u:\b)(?:(?P<mon>{MONTH})\s+)?(?P<lead>the\s+year\s+|in\s+)?(?P<sp>nineteen[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?)(?-u:\b)"
    )),
    holiday: re(
        r"(?-u:\b)(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Election\s+Day|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Halloween|Valentine's\s+Day)(?-u:\b)",
    ),
    century: re(
        r"(?i)(?-u:\b)(?:the\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century(?-u:\b)",
    ),
    clock_word: re(r"(?i)(?-u:\b)(?P<w>noon|midnight|midday)(?-u:\b)"),
    future_cue: re(
        r"(?i)(?-u:\b)(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planned|scheduled|is\s+to|are\s+to|due\s+to|set\s+to|expected\s+to|expects\s+to|slated|upcoming|to\s+be\s+held|next|intends?\s+to|could|might|as\s+soon\s+as|as\s+early\s+as|until|planning|postponed|delayed|deadline|starting|beginning|heading|headed\s+to)(?-u:\b)",
    ),
    past_cue: re(
        r"(?i)(?-u:\b)(?:was|were|had|did|said|held|met|ended|began|took|lasted|announced|told|reported|stated|started|came|went|made|gave|left|saw|fell|rose|sold|won|lost|paid|spent|bought|brought|thought|found|kept|led|sent|stood|struck|wrote|spoke|broke|chose|drove|flew|grew|knew|threw|became|fought|caught|sought|felt|heard|shot|got|\w{3,}ed)(?-u:\b)",
    ),
});
