//! A small definition shared by the domain's unit tests.

use super::definition::Definition;
use super::validate::parse_definition;

pub const SAMPLE: &str = r#"{
  "format": 1,
  "slug": "sample-run",
  "locales": ["en", "it"],
  "title": {"en": "Sample", "it": "Esempio"},
  "description": {"en": "A sample.", "it": "Un esempio."},
  "traits": [
    {"key": "grip", "name": {"en": "Grip", "it": "Aderenza"}, "low": {"en": "smooth ground", "it": "fondo liscio"}, "high": {"en": "loose ground", "it": "fondo smosso"}},
    {"key": "cushioning", "name": {"en": "Cushioning", "it": "Ammortizzazione"}, "low": {"en": "ground feel", "it": "sensibilità"}, "high": {"en": "soft landings", "it": "atterraggi morbidi"}},
    {"key": "stability", "name": {"en": "Stability", "it": "Stabilità"}, "low": {"en": "neutral", "it": "neutra"}, "high": {"en": "support", "it": "sostegno"}}
  ],
  "goals": [
    {"key": "adventure", "name": {"en": "adventure", "it": "avventura"}},
    {"key": "no_pain", "name": {"en": "running without pain", "it": "correre senza dolore"}}
  ],
  "personas": [
    {"key": "explorer", "name": {"en": "Explorer", "it": "Esploratore"}, "description": {"en": "d", "it": "d"}, "goals": ["adventure"],
     "empathy": {"thinks": {"en": "t", "it": "t"}, "feels": {"en": "f", "it": "f"}, "says": {"en": "s", "it": "s"}, "does": {"en": "d", "it": "d"}},
     "profile": {"grip": 0.9, "cushioning": 0.5, "stability": 0.4}},
    {"key": "cruiser", "name": {"en": "Cruiser", "it": "Passista"}, "description": {"en": "d", "it": "d"}, "goals": [],
     "empathy": {"thinks": {"en": "t", "it": "t"}, "feels": {"en": "f", "it": "f"}, "says": {"en": "s", "it": "s"}, "does": {"en": "d", "it": "d"}},
     "profile": {"grip": 0.1, "cushioning": 0.8, "stability": 0.4}},
    {"key": "careful", "name": {"en": "Careful", "it": "Prudente"}, "description": {"en": "d", "it": "d"}, "goals": ["no_pain"],
     "empathy": {"thinks": {"en": "t", "it": "t"}, "feels": {"en": "f", "it": "f"}, "says": {"en": "s", "it": "s"}, "does": {"en": "d", "it": "d"}},
     "profile": {"grip": 0.3, "cushioning": 0.7, "stability": 0.9}}
  ],
  "offers": [
    {"key": "mud", "title": {"en": "Mud", "it": "Fango"}, "description": {"en": "d", "it": "d"},
     "targeting": {"traits": {"grip": 1.0}, "goals": ["adventure"], "personas": ["explorer"]}},
    {"key": "cloud", "title": {"en": "Cloud", "it": "Nuvola"}, "description": {"en": "d", "it": "d"},
     "targeting": {"traits": {"cushioning": 0.9, "grip": 0.1}, "personas": ["cruiser"]}},
    {"key": "guide", "title": {"en": "Guide", "it": "Guida"}, "description": {"en": "d", "it": "d"},
     "targeting": {"traits": {"stability": 0.9}, "goals": ["no_pain"], "personas": ["careful"]}},
    {"key": "insoles", "title": {"en": "Insoles", "it": "Solette"}, "description": {"en": "d", "it": "d"},
     "targeting": {"stages": ["usage"]}}
  ],
  "learning_paths": [
    {"key": "trail_basics", "title": {"en": "Trail basics", "it": "Basi del trail"}, "description": {"en": "d", "it": "d"},
     "personas": ["explorer"], "goals": ["adventure"], "stage": "onboarding",
     "steps": [{"kind": "article", "title": {"en": "a", "it": "a"}, "body": {"en": "b", "it": "b"}}]},
    {"key": "strength", "title": {"en": "Strength", "it": "Forza"}, "description": {"en": "d", "it": "d"},
     "personas": ["careful"], "goals": ["no_pain"], "stage": "onboarding",
     "steps": [{"kind": "exercise", "title": {"en": "a", "it": "a"}, "body": {"en": "b", "it": "b"}, "minutes": 10}]},
    {"key": "easy_miles", "title": {"en": "Easy miles", "it": "Chilometri facili"}, "description": {"en": "d", "it": "d"},
     "personas": ["cruiser"], "stage": "onboarding",
     "steps": [{"kind": "video", "title": {"en": "a", "it": "a"}, "body": {"en": "b", "it": "b"}}]}
  ],
  "questions": [
    {"key": "surface", "kind": "single_choice", "prompt": {"en": "Where do you run most?", "it": "Dove corri di più?"},
     "options": [
       {"key": "road", "label": {"en": "Road", "it": "Strada"}, "effects": {"grip": -1, "cushioning": 1}},
       {"key": "trail", "label": {"en": "Trail", "it": "Sentiero"}, "effects": {"grip": 2}, "goals": ["adventure"],
        "insight": {"en": "Trails ask for grip.", "it": "I sentieri chiedono aderenza."}}
     ],
     "insights": [{"text": {"en": "Every surface teaches something.", "it": "Ogni fondo insegna qualcosa."}}]},
    {"key": "terrain", "kind": "single_choice", "prompt": {"en": "How technical?", "it": "Quanto tecnico?"},
     "show_if": {"question": "surface", "equals": "trail"},
     "options": [
       {"key": "smooth", "label": {"en": "Smooth", "it": "Liscio"}},
       {"key": "technical", "label": {"en": "Technical", "it": "Tecnico"}, "effects": {"grip": 1, "stability": 1}}
     ]},
    {"key": "pain", "kind": "multiple_choice", "prompt": {"en": "Where does it hurt?", "it": "Dove fa male?"},
     "options": [
       {"key": "knee", "label": {"en": "Knees", "it": "Ginocchia"}, "effects": {"stability": 1, "cushioning": 1}, "goals": ["no_pain"]},
       {"key": "ankle", "label": {"en": "Ankles", "it": "Caviglie"}, "effects": {"stability": 2}, "goals": ["no_pain"]},
       {"key": "none", "label": {"en": "Nowhere", "it": "Da nessuna parte"}, "effects": {"stability": -1}}
     ]},
    {"key": "weekly_km", "kind": "number", "prompt": {"en": "Km per week?", "it": "Km a settimana?"},
     "range": {"min": 0, "max": 100, "step": 1}, "effects": {"cushioning": 1}},
    {"key": "nps", "kind": "nps", "prompt": {"en": "Recommend?", "it": "Consiglieresti?"}},
    {"key": "note", "kind": "text", "required": false, "prompt": {"en": "Anything else?", "it": "Altro?"}}
  ]
}"#;

pub fn sample() -> Definition {
    parse_definition(SAMPLE).expect("the sample definition is valid")
}

/// 80 km a week, cited as the reason for high cushioning: a numeric answer in a reason.
pub fn weekly_km_reason() -> (super::answer::Answers, super::recommend::Reason) {
    use super::answer::AnswerValue;
    use super::recommend::{Evidence, Reason};
    let mut answers = super::answer::Answers::new();
    answers.insert("weekly_km".into(), AnswerValue::Number(80.0));
    let reason = Reason::Trait {
        trait_key: "cushioning".into(),
        high: true,
        evidence: vec![Evidence {
            question: "weekly_km".into(),
            option: None,
        }],
    };
    (answers, reason)
}
