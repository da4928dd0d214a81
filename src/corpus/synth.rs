//! Synthetic corpora for benchmarks and load tests: news-like titles and
//! bodies from a fixed vocabulary, deterministic for a seed. No randomness
//! crate: a xorshift generator is enough for test data.

/// Title words, taken from the most common words of real news headlines.
const TITLE_WORDS: &[&str] = &[
    "talks",
    "deal",
    "election",
    "economy",
    "row",
    "growth",
    "plan",
    "battle",
    "record",
    "attacks",
    "boost",
    "profits",
    "warning",
    "sales",
    "calls",
    "rise",
    "oil",
    "unveils",
    "future",
    "poll",
    "ban",
    "claim",
    "cut",
    "bank",
    "star",
    "chart",
    "chief",
    "market",
    "boss",
    "fears",
    "sale",
    "tax",
    "court",
    "denies",
    "sues",
    "hope",
    "offers",
    "debut",
    "joins",
    "hopes",
    "prize",
    "injury",
    "profit",
    "rules",
    "firms",
    "budget",
    "targets",
    "power",
    "search",
    "comeback",
    "law",
    "broadband",
    "case",
    "jobs",
    "mobile",
    "economic",
    "aid",
    "offer",
    "state",
    "rate",
    "war",
    "hails",
    "victory",
    "award",
    "campaign",
    "drugs",
    "fuel",
    "takeover",
    "trade",
    "surge",
    "action",
    "spending",
    "strike",
    "probe",
    "final",
    "terror",
    "title",
    "deficit",
    "recovery",
    "ruling",
    "security",
    "border",
    "militancy",
    "ceasefire",
    "envoy",
    "summit",
    "sanctions",
    "refugees",
    "crossing",
    "delegation",
    "minister",
    "spokesman",
    "militants",
    "dialogue",
    "pressure",
];
const NAMES: &[&str] = &[
    "Blair",
    "Brown",
    "Howard",
    "Yukos",
    "China",
    "India",
    "Japan",
    "France",
    "Microsoft",
    "Apple",
    "Sony",
    "Chelsea",
    "Arsenal",
    "Kabul",
    "Islamabad",
    "Istanbul",
    "Doha",
    "Moscow",
    "Taliban",
    "Pakistan",
    "Afghanistan",
    "Torkham",
    "Khan",
    "Mujahid",
    "Europe",
    "Russia",
    "Iran",
    "Qatar",
    "Berlin",
    "London",
];
const SOURCES: &[&str] = &[
    "BBC News",
    "Reuters",
    "Dawn",
    "Al Jazeera",
    "The Guardian",
    "RASC News Agency",
    "Azad News HD",
    "Associated Press",
    "AFP",
    "Tolo News",
    "Express Tribune",
    "Dawat Media Center",
];
const FILLER: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "on",
    "for",
    "with",
    "said",
    "after",
    "over",
    "between",
    "officials",
    "government",
    "sources",
    "reported",
    "week",
    "month",
    "year",
    "people",
    "country",
    "region",
    "forces",
    "meeting",
    "agreement",
    "statement",
    "according",
    "that",
    "would",
    "could",
    "while",
    "also",
    "has",
];

/// A small deterministic pseudo-random generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A news-like title of 4 to 9 words.
pub fn title(rng: &mut Rng) -> String {
    let n = 4 + rng.below(6);
    let mut words = Vec::with_capacity(n);
    for i in 0..n {
        let w =
            if rng.below(4) == 0 { rng.pick(NAMES).to_string() } else { rng.pick(TITLE_WORDS).to_string() };
        words.push(if i == 0 { capitalize(&w) } else { w });
    }
    words.join(" ")
}

/// A body of `paragraphs` paragraphs of about 40 words.
pub fn body(rng: &mut Rng, paragraphs: usize) -> String {
    let mut paras = Vec::with_capacity(paragraphs);
    for _ in 0..paragraphs {
        let mut words = Vec::with_capacity(40);
        for i in 0..40 {
            let w = match rng.below(8) {
                0 => rng.pick(NAMES).to_string(),
                1 | 2 => rng.pick(TITLE_WORDS).to_string(),
                _ => rng.pick(FILLER).to_string(),
            };
            words.push(if i == 0 { capitalize(&w) } else { w });
        }
        paras.push(format!("{}.", words.join(" ")));
    }
    paras.join("\n\n")
}

/// One JSONL line per article: title, body, source, published.
pub fn jsonl(count: usize, paragraphs: usize, seed: u64) -> impl Iterator<Item = String> {
    let mut rng = Rng::new(seed);
    (0..count).map(move |i| {
        let value = serde_json::json!({
            "title": title(&mut rng),
            "body": body(&mut rng, paragraphs),
            "source": rng.pick(SOURCES),
            "published": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
        });
        value.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_loadable() {
        let a: Vec<String> = jsonl(20, 3, 7).collect();
        let b: Vec<String> = jsonl(20, 3, 7).collect();
        assert_eq!(a, b);
        let (arts, problems) = crate::corpus::formats::read_jsonl(&a.join("\n"));
        assert_eq!(arts.len(), 20);
        assert!(problems.is_empty());
    }
}
