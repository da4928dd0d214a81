//! Issue 15: entities of newswire and sports reports (headlines, datelines,
//! results and scorecards, clubs named after towns, names no list knows).

use super::*;
use crate::corpus::Corpus;

fn load(name: &str, text: &str) -> Vec<Entity> {
    let corpus = Corpus::from_bytes(name, text.as_bytes());
    corpus.articles.first().map(extract).unwrap_or_default()
}

fn kind_of(ents: &[Entity], name: &str) -> Option<EntityKind> {
    ents.iter().find(|e| e.answers_to(name)).map(|e| e.kind)
}

#[test]
fn a_headline_counts_but_shouting_is_no_name() {
    let ents = load(
        "a.txt",
        "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\n\nAL-AIN , United Arab Emirates 1996-12-06\n\n\
         Japan began the defence of their title with a 2-1 win against Syria on Friday.\n",
    );
    for word in ["SOCCER", "LUCKY", "WIN", "SURPRISE", "DEFEAT"] {
        assert_eq!(kind_of(&ents, word), None, "{word}: {ents:?}");
    }
    assert_eq!(kind_of(&ents, "China"), Some(EntityKind::Place), "only in the headline");
    assert!(ents.iter().any(|e| e.answers_to("China") && e.mentions.is_empty() && e.count() == 1));
    assert_eq!(kind_of(&ents, "AL-AIN"), Some(EntityKind::Place), "a dateline");
}

#[test]
fn results_scorecards_and_clubs() {
    let ents = load(
        "b.txt",
        "Newcastle 2-1 Bolton\n\nNewcastle manager Graeme Souness said his side came back against Bolton \
         after Alan Shearer headed in a cross from Robert.\n\nGiven, Carr, Boumsong (Hughes 80), Bramble, Babayaro.\n\n\
         Shearer 32, Ameobi 77.\n",
    );
    use EntityKind::*;
    assert_eq!(kind_of(&ents, "Newcastle"), Some(Organization), "{ents:?}");
    assert_eq!(kind_of(&ents, "Bolton"), Some(Organization));
    for p in ["Alan Shearer", "Boumsong", "Hughes", "Bramble", "Ameobi", "Carr"] {
        assert_eq!(kind_of(&ents, p), Some(Person), "{p}: {ents:?}");
    }
    let cricket = load(
        "c.txt",
        "Scoreboard\n\nEngland first innings\n\nA. Stewart c Saeed Anwar b Mushtaq Ahmed 44\n\n\
         G. Thorpe not out 54\n\nTotal ( for 3 wickets ) 151\n",
    );
    for p in ["A. Stewart", "Saeed Anwar", "Mushtaq Ahmed", "G. Thorpe"] {
        assert_eq!(kind_of(&cricket, p), Some(Person), "{p}: {cricket:?}");
    }
    assert_eq!(kind_of(&cricket, "Total"), None);
    // A town stays a town outside sport.
    let town = load("d.txt", "Headline here\n\nThe council in Newcastle said rents would rise.\n");
    assert_eq!(kind_of(&town, "Newcastle"), Some(Place));
}

#[test]
fn companies_people_and_what_is_neither() {
    let ents = load(
        "e.txt",
        "Carmakers report\n\nGM Europe and Best Buy Co Inc said in a statement that sales rose. Shares in \
         Circuit City Stores fell, Circuit City said. AMR Corp. was strong, said Milan Mandaric. Witnesses said \
         Traders were nervous. I'm sure the Official Charts Company and Destiny's Child agree, said Carolina Kluft.\n",
    );
    use EntityKind::*;
    for o in [
        "GM Europe",
        "Best Buy Co Inc",
        "Circuit City Stores",
        "AMR Corp",
        "Official Charts Company",
        "Destiny's Child",
    ] {
        assert_eq!(kind_of(&ents, o), Some(Organization), "{o}: {ents:?}");
    }
    assert!(ents.iter().any(|e| e.answers_to("Circuit City") && e.answers_to("Circuit City Stores")));
    for p in ["Milan Mandaric", "Carolina Kluft"] {
        assert_eq!(kind_of(&ents, p), Some(Person), "{p}: {ents:?}");
    }
    for not in ["Witnesses", "Traders", "I'm", "Milan"] {
        assert_eq!(kind_of(&ents, not), None, "{not}: {ents:?}");
    }
}

#[test]
fn organizations_no_list_knows() {
    let ents = load(
        "f.txt",
        "Bank news\n\nIsabelle Kronawitter at Hypovereinsbank said growth was slow. Zarkovia said in a statement \
         that it would appeal. He told the Herald newspaper he would retire.\n",
    );
    for o in ["Hypovereinsbank", "Zarkovia", "Herald"] {
        assert_eq!(kind_of(&ents, o), Some(EntityKind::Organization), "{o}: {ents:?}");
    }
}
