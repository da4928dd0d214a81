//! Tests of the line shapes ([`super`]).
use super::*;
use crate::entities::tokenize::tokenize;

fn marked(text: &str) -> Vec<(String, u8)> {
    let mut toks = Vec::new();
    tokenize(text, 0, &mut toks);
    let mut marks = vec![0; toks.len()];
    let classes: Vec<u16> = (toks.iter())
        .map(|t| {
            let mut buf = String::new();
            gz::normalize_into(t.text(text), &mut buf);
            if t.is_word() { gz::word_class(&buf) } else { 0 }
        })
        .collect();
    mark(text, &toks, &classes, 0..toks.len(), text.contains("wickets"), &mut marks);
    toks.iter().zip(marks).filter(|(_, m)| *m != 0).map(|(t, m)| (t.text(text).to_string(), m)).collect()
}

fn words(v: &[(String, u8)], m: u8) -> Vec<&str> {
    v.iter().filter(|(_, x)| *x == m).map(|(w, _)| w.as_str()).collect()
}

#[test]
fn team_lists_and_scorers_are_people() {
    let m = marked("Nash, Reiziger (Graham 82), Riggott, Southgate, Scotland (Samuel 63), El Karkouri.");
    assert_eq!(
        words(&m, PERSON),
        ["Nash", "Reiziger", "Graham", "Riggott", "Southgate", "Scotland", "Samuel", "El", "Karkouri"]
    );
    assert_eq!(words(&marked("Riise 1, Nunez 113."), PERSON), ["Riise", "Nunez"]);
    assert_eq!(words(&marked("Subs Not Used: Cooper, Knight, Fish."), PERSON), ["Cooper", "Knight", "Fish"]);
    let rugby = marked("R de Marigny (Parma); Mirco Bergamasco (Stade Francais), C Stoica (Montpellier).");
    assert_eq!(words(&rugby, PERSON), ["R", "de", "Marigny", "Mirco", "Bergamasco", "C", "Stoica"]);
    assert_eq!(words(&rugby, SIDE), ["Parma", "Stade", "Francais", "Montpellier"]);
    let more = marked("A Lo Cicero (L'Aquilla), M Bortolami (Narbonne, capt), D dal Maso (Treviso).");
    assert_eq!(words(&more, PERSON), ["A", "Lo", "Cicero", "M", "Bortolami", "D", "dal", "Maso"]);
    assert_eq!(words(&more, SIDE), ["L'Aquilla", "Narbonne", "Treviso"]);
    let two = marked("Phillips, Amankwaah, Lita (Cotterill 72), Gillespie. Subs Not Used: Orr, Brown.");
    assert_eq!(
        words(&two, PERSON),
        ["Phillips", "Amankwaah", "Lita", "Cotterill", "Gillespie", "Orr", "Brown"]
    );
}

#[test]
fn scorecards_and_tables() {
    let m = marked("A. Stewart c Saeed Anwar b Mushtaq Ahmed 44");
    assert_eq!(words(&m, PERSON), ["A", "Stewart", "Saeed", "Anwar", "Mushtaq", "Ahmed"]);
    assert_eq!(words(&marked("G. Thorpe not out 54"), PERSON), ["G", "Thorpe"]);
    assert_eq!(words(&marked("Feyenoord 4 3 1 0 9 2 10"), SIDE), ["Feyenoord"]);
    assert_eq!(words(&marked("AMSTERDAM 1996-08-30"), DATELINE), ["AMSTERDAM"]);
    assert_eq!(words(&marked("AL-AIN , United Arab Emirates 1996-12-06"), DATELINE), ["AL", "AIN"]);
    assert!(marked("NATO 2 UN 1").iter().all(|(_, m)| *m != DATELINE));
    let bowling = marked("Wasim Akram 10 2 35 1\nTotal ( for 3 wickets ) 151");
    assert_eq!(words(&bowling, PERSON), ["Wasim", "Akram"], "a bowler on a scorecard");
    assert_eq!(words(&marked("Total ( for 3 wickets ) 151"), TABLE), ["Total"]);
    assert!(marked("He was out for 12").is_empty());
}

#[test]
fn prose_and_other_lists_are_not() {
    assert!(marked("France, Germany, Italy and Spain.").is_empty());
    assert!(marked("France, Germany, Italy, Spain.").is_empty(), "countries");
    assert!(marked("He met Blair, Brown and Straw on Monday.").is_empty());
    assert!(marked("Tuesday, 1 March").is_empty());
    assert!(marked("29,603").is_empty());
}

#[test]
fn results_lines_name_two_sides() {
    assert_eq!(words(&marked("Middlesbrough 2-2 Charlton"), SIDE), ["Middlesbrough", "Charlton"]);
    assert_eq!(words(&marked("Man City 0-2 Man Utd"), SIDE), ["Man", "City", "Man", "Utd"]);
    assert_eq!(words(&marked("Celtic 3 Rangers 1"), SIDE), ["Celtic", "Rangers"]);
    assert_eq!(words(&marked("Wales v England"), SIDE), ["Wales", "England"]);
    let r = marked("Feyenoord 2 ( Larsson 24 , Kalou 71 ) Ajax 1 ( Overmars 12 ) . Halftime 1-1 .");
    assert_eq!(words(&r, SIDE), ["Feyenoord", "Ajax"]);
    assert_eq!(words(&r, PERSON), ["Larsson", "Kalou", "Overmars"]);
    assert!(marked("Arsenal win 4-2 on penalties").is_empty());
    let labelled = marked("Division two : Bristol Rovers 1 Walsall 0");
    assert_eq!(words(&labelled, SIDE), ["Bristol", "Rovers", "Walsall"]);
    let ranked = marked("1. Haile Gebrselassie ( Ethiopia ) 12:44.90");
    assert_eq!(words(&ranked, PERSON), ["Haile", "Gebrselassie"]);
    assert_eq!(words(&marked("68 Greg Norman ( Australia ) 70 71"), PERSON), ["Greg", "Norman"]);
    assert!(marked("2004 Was A Good Year").is_empty());
    assert!(marked("Profits rise 5 percent").is_empty());
}
