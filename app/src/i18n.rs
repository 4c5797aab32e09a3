//! The interface's own words in English and Italian. Questionnaire texts come from the
//! definition; these are the words around them. Every [`Msg`] must be translated in both
//! languages: the `match` in [`t`] does not compile otherwise.

/// Languages the interface speaks.
pub const LOCALES: [&str; 2] = ["en", "it"];

/// The language to use for a locale code: Italian for `it`, English for everything else.
pub fn ui_locale(locale: &str) -> &'static str {
    if locale == "it" { "it" } else { "en" }
}

/// The best language of `offered` for an `Accept-Language` header, or `None` if none fits.
/// Quality values are honoured; ties keep the header's order.
pub fn negotiate(header: &str, offered: &[&str]) -> Option<String> {
    let mut wanted: Vec<(f32, usize, String)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next()?.to_string();
            (q > 0.0 && !primary.is_empty()).then_some((q, i, primary))
        })
        .collect();
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    wanted
        .into_iter()
        .map(|(_, _, lang)| lang)
        .find(|lang| offered.contains(&lang.as_str()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    AppName,
    Tagline,
    HomeTitle,
    HomeEmpty,
    StartCta,
    Questions,
    ConsentTitle,
    ConsentBody,
    ConsentLabel,
    ConsentNoConsent,
    Begin,
    Progress,
    Back,
    Next,
    Skip,
    Optional,
    Continue,
    SeeResult,
    InsightTitle,
    ChooseAny,
    NotFound,
    NotFoundBody,
    GoHome,
    ResultTitle,
    YourProfile,
    Confidence,
    Thinks,
    Feels,
    Says,
    Does,
    WhatYouLearned,
    YourTraits,
    OffersTitle,
    Match,
    Why,
    PathTitle,
    Minutes,
    ResumeTitle,
    ResumeBody,
    Language,
    ErrorTitle,
    UnavailableTitle,
    UnavailableBody,
    Loading,
    ScaleFrom,
    ScaleTo,
    NpsLow,
    NpsHigh,
    CsatLow,
    CsatHigh,
    CesLow,
    CesHigh,
    StepArticle,
    StepVideo,
    StepExercise,
    StepChecklist,
    ErrRequired,
    ErrOption,
    ErrExclusive,
    ErrNumber,
    ErrRange,
    ErrStep,
    ErrTooLong,
    ErrGeneric,
    Retake,
}

/// `msg` in `locale` (English unless `locale` is Italian).
pub fn t(locale: &str, msg: Msg) -> &'static str {
    use Msg::*;
    let it = ui_locale(locale) == "it";
    macro_rules! pick {
        ($($m:ident => $en:expr, $it:expr;)*) => {
            match msg { $($m => if it { $it } else { $en },)* }
        };
    }
    pick! {
        AppName => "Percorso", "Percorso";
        Tagline => "Short guided assessments that help you understand what you need.",
                   "Brevi percorsi guidati che ti aiutano a capire di cosa hai bisogno.";
        HomeTitle => "Choose an assessment", "Scegli un percorso";
        HomeEmpty => "No assessment is published yet.", "Non c'è ancora nessun percorso pubblicato.";
        StartCta => "Start", "Inizia";
        Questions => "questions", "domande";
        ConsentTitle => "Before you start", "Prima di iniziare";
        ConsentBody => "We store your answers as you give them, so you can stop and pick up where you left off (also on another device), and so we can show you your result. With your consent we also keep where you came from and what you write in free-text answers, and use your answers, without your name, to improve our advice. We never store your IP address. Without consent you still get your result; we keep only the answers needed to compute it.",
                      "Salviamo le tue risposte man mano che le dai, così puoi interrompere e riprendere da dove eri rimasto (anche da un altro dispositivo) e possiamo mostrarti il risultato. Con il tuo consenso conserviamo anche da dove sei arrivato e ciò che scrivi nelle risposte libere, e usiamo le tue risposte, senza il tuo nome, per migliorare i nostri consigli. Non salviamo mai il tuo indirizzo IP. Senza consenso ricevi comunque il risultato; teniamo solo le risposte necessarie a calcolarlo.";
        ConsentLabel => "I agree that my answers are kept and used as described above.",
                       "Acconsento alla conservazione e all'uso delle mie risposte come descritto sopra.";
        ConsentNoConsent => "You can leave the box unticked and still take the assessment.",
                           "Puoi lasciare la casella vuota e fare comunque il percorso.";
        Begin => "Begin", "Comincia";
        Progress => "Question", "Domanda";
        Back => "Back", "Indietro";
        Next => "Next", "Avanti";
        Skip => "Skip", "Salta";
        Optional => "optional", "facoltativa";
        Continue => "Continue", "Continua";
        SeeResult => "See my result", "Vedi il mio risultato";
        InsightTitle => "Something to know about you", "Una cosa da sapere su di te";
        ChooseAny => "Choose all that apply.", "Scegli tutte le risposte che valgono per te.";
        NotFound => "Not found", "Pagina non trovata";
        NotFoundBody => "This assessment or link does not exist, or it has expired.",
                       "Questo percorso o link non esiste, oppure è scaduto.";
        GoHome => "Back to the assessments", "Torna ai percorsi";
        ResultTitle => "Your result", "Il tuo risultato";
        YourProfile => "Your profile", "Il tuo profilo";
        Confidence => "match", "corrispondenza";
        Thinks => "Thinks", "Pensa";
        Feels => "Feels", "Sente";
        Says => "Says", "Dice";
        Does => "Does", "Fa";
        WhatYouLearned => "What you learned about yourself", "Cosa hai scoperto di te";
        YourTraits => "Your needs at a glance", "I tuoi bisogni in sintesi";
        OffersTitle => "Recommended for you", "Consigliati per te";
        Match => "fit", "affinità";
        Why => "Why", "Perché";
        PathTitle => "Your learning path", "Il tuo percorso di apprendimento";
        Minutes => "min", "min";
        ResumeTitle => "Come back later", "Torna quando vuoi";
        ResumeBody => "Keep this link to return to your answers and result, on any device:",
                     "Conserva questo link per tornare alle tue risposte e al risultato, da qualsiasi dispositivo:";
        Language => "Language", "Lingua";
        ErrorTitle => "Something went wrong", "Qualcosa è andato storto";
        UnavailableTitle => "We'll be right back", "Torniamo subito";
        UnavailableBody => "The service is briefly unavailable. Your answers so far are saved; please try again in a minute.",
                          "Il servizio è momentaneamente non disponibile. Le risposte date finora sono salvate: riprova tra un minuto.";
        Loading => "Loading…", "Caricamento…";
        ScaleFrom => "from", "da";
        ScaleTo => "to", "a";
        NpsLow => "Not at all likely", "Per niente probabile";
        NpsHigh => "Extremely likely", "Estremamente probabile";
        CsatLow => "Very dissatisfied", "Per niente soddisfatto";
        CsatHigh => "Very satisfied", "Molto soddisfatto";
        CesLow => "Very difficult", "Molto difficile";
        CesHigh => "Very easy", "Molto facile";
        StepArticle => "Read", "Leggi";
        StepVideo => "Watch", "Guarda";
        StepExercise => "Exercise", "Esercizio";
        StepChecklist => "Checklist", "Checklist";
        ErrRequired => "Please answer this question to continue.", "Rispondi a questa domanda per continuare.";
        ErrOption => "Please choose one of the options shown.", "Scegli una delle opzioni proposte.";
        ErrExclusive => "That option cannot be combined with the others you chose.", "Questa opzione non si può combinare con le altre che hai scelto.";
        ErrNumber => "Please enter a number.", "Inserisci un numero.";
        ErrRange => "Please enter a number within the range shown.", "Inserisci un numero nell'intervallo indicato.";
        ErrStep => "Please enter a whole step of the scale.", "Inserisci un valore valido della scala.";
        ErrTooLong => "Your text is too long; please shorten it.", "Il testo è troppo lungo: accorcialo, per favore.";
        ErrGeneric => "Something went wrong; please try again.", "Qualcosa è andato storto: riprova.";
        Retake => "Take it again", "Rifallo da capo";
    }
}

/// The message shown for an answer error code (see `AnswerError::code`).
pub fn answer_error(locale: &str, code: &str) -> &'static str {
    let msg = match code {
        "required" => Msg::ErrRequired,
        "unknown_option" | "not_one_option" | "duplicate_option" => Msg::ErrOption,
        "exclusive_option" => Msg::ErrExclusive,
        "not_a_number" | "wrong_type" => Msg::ErrNumber,
        "out_of_range" => Msg::ErrRange,
        "off_step" => Msg::ErrStep,
        "too_long" => Msg::ErrTooLong,
        _ => Msg::ErrGeneric,
    };
    t(locale, msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_honours_quality_values() {
        assert_eq!(
            negotiate("en-GB,en;q=0.8,it;q=0.9", &["en", "it"]).as_deref(),
            Some("en")
        );
        assert_eq!(
            negotiate("fr-FR, it;q=0.7, en;q=0.3", &["en", "it"]).as_deref(),
            Some("it")
        );
        assert_eq!(negotiate("it-IT", &["en", "it"]).as_deref(), Some("it"));
        assert_eq!(negotiate("de, fr", &["en", "it"]), None);
        assert_eq!(
            negotiate("it;q=0, en", &["en", "it"]).as_deref(),
            Some("en")
        );
        assert_eq!(negotiate("", &["en", "it"]), None);
    }

    #[test]
    fn italian_and_english_differ_and_unknown_locales_fall_back_to_english() {
        assert_eq!(t("it", Msg::Next), "Avanti");
        assert_eq!(t("en", Msg::Next), "Next");
        assert_eq!(t("de", Msg::Next), "Next");
    }
}
