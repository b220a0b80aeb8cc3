"""The parameter table in German for the report's details (keys as in ``sim.scenario.parameters``)."""

MEANING_DE: dict[str, str] = {
    "simulation.days": "Zeitraum",
    "simulation.seed": "Seed der Zufallszahlenströme des Laufs",
    "market.people": "Personen im erreichbaren Markt",
    "market.initial_follower_share": "Anteil des Marktes, der der Seite an Tag 0 folgt",
    "market.customer_share": (
        "Anteil des Marktes, der an Tag 0 Kunde ist; \u201esteady\u201c: jede Person mit der Wahrscheinlichkeit a/(a+h) bei ihrem "
        "eigenen Vertrauen (Erstkaufrate a, Abwanderungsrisiko h: der Anteil, den die Kaufkette hält, sodass ein Markt, in dem "
        "nichts geschieht, weder Kunden gewinnt noch verliert)"
    ),
    "market.contest_share": (
        "Anteil der Personen, die überhaupt an Gewinnspielen teilnehmen (folgen + teilen, um teilzunehmen), gewichtet nach ihrem "
        "Interesse an den Gewinnspiel-Typen ausgewählt; für die übrigen ist ein Gewinnspiel ein Post wie jeder andere"
    ),
    "market.trust_mean": "mittleres Anfangsvertrauen; 0,5 ist neutral",
    "market.trust_sd": "Streuung des Anfangsvertrauens",
    "market.activity_mean": "mittlere Wahrscheinlichkeit, an einem Tag online zu sein",
    "market.activity_shape": (
        "erster Formparameter a der Beta(a, b)-Verteilung der Aktivität (b folgt aus activity_mean); kleiner streut sie "
        "(mehr Menschen selten online, einige täglich), größer sammelt alle nahe am Mittel"
    ),
    "market.interest_correlation": "wie stark die Interessen einer Person an den verschiedenen Typen zusammenhängen",
    "market.tolerance_mean": (
        "mittlere Post-Frequenz einer Seite (ihre Posts pro Tag über die letzten post_split_days), die ein Follower hinnimmt, "
        "bevor weitere Posts ihn verärgern"
    ),
    "market.tolerance_shape": "Formparameter k der Gamma-Verteilung der Toleranz (Mittel tolerance_mean); kleiner streut sie",
    "market.initial_follower_affinity": (
        "Affinität der Follower an Tag 0 (der Feed gewichtet Follower mit Aktivität × (affinity_floor + Affinität))"
    ),
    "market.mean_degree": "mittlere Zahl sozialer Kontakte",
    "market.degree_tail": "Pareto-Exponent der Gradverteilung; kleiner heißt: wenige Personen erreichen viele",
    "market.max_ties": "höchstens erwartete Zahl an Kontakten einer Person (auch höchstens Wurzel aus Personen x mittlere Kontaktzahl); fest, damit die größten Knoten und mit ihnen die Pro-Kopf-Ergebnisse nicht mit dem Markt wachsen",
    "strategy.has_page": "die Marke betreibt überhaupt eine Seite",
    "strategy.posts_per_day": (
        "mittlere Zahl der Posts pro Tag; der Nachkommaanteil ist die tägliche Wahrscheinlichkeit eines weiteren Posts"
    ),
    "strategy.mix": "Anteil der Posts je Content-Typ; Summe 1",
    "strategy.calendar": "optionale feste Woche: 7 Listen von Content-Typen, beginnend mit Montag; ersetzt posts_per_day und mix",
    "strategy.events": "einmalige Posts, z. B. ein einzelnes Gewinnspiel: [[strategy.events]] day = 30, type = \"giveaway\"",
    "strategy.paid_boost_per_day": "täglicher Betrag für bezahlte Impressionen",
    "strategy.posts_growth": "relatives tägliches Wachstum der Posts pro Tag",
    "strategy.posts_per_day_max": "Obergrenze der Posts pro Tag bei Wachstum",
    "strategy.fan_acquisition": "täglich per Kampagne gekaufte Follower, als Anteil der aktuellen Follower",
    "strategy.cost_per_fan": "Preis eines per Kampagne gekauften Followers",
    "platform.reach_base": "organische Reichweite eines einzelnen täglichen Posts bei Referenzqualität (mindestens reach_min)",
    "platform.quality_ref": "Interaktionen pro Impression, die die Plattform als durchschnittlich wertet",
    "platform.start_quality": (
        "der Qualitätswert Q an Tag 0: \u201eaudience\u201c, was die eigenen Posts der Seite bei ihren Followern an Tag 0 erzielen "
        "würden (deren erwartete Interaktionen abzüglich gewichteten negativen Feedbacks je Impression, nach dem Mix); "
        "\u201ereference\u201c, quality_ref (eine durchschnittliche Seite, was immer sie postet)"
    ),
    "platform.reach_elasticity": (
        "wie stark die Reichweite nahe der Referenz dem Qualitätswert folgt (reach = base*h*x^e/(h-1+x^e), x = Q/quality_ref)"
    ),
    "platform.quality_memory": "Zeitkonstante des gleitenden Durchschnitts des Qualitätswerts",
    "platform.quality_prior": (
        "Pseudo-Impressionen zum aktuellen Wert, die zur Tageszahl addiert werden: ein Tag mit wenigen Impressionen bewegt Q kaum"
    ),
    "platform.negative_weight": "wie viele Interaktionen ein Verbergen oder Melden im Qualitätswert aufhebt",
    "platform.reach_min": "Untergrenze der organischen Reichweite pro Post bei einem Post am Tag, nach dem Faktor für die Seitengröße (eine Seite, die öfter postet, teilt sie auf ihre Posts auf)",
    "platform.reach_max": "Obergrenze der organischen Reichweite",
    "platform.post_split": "zu viele Posts: bei einer Frequenz von r Posts pro Tag erhält jeder Post reach/r^post_split",
    "platform.post_split_days": (
        "Zeitfenster, über das die Post-Frequenz gezählt wird, die die Reichweite aufteilt (1: nur die Posts des Tages)"
    ),
    "platform.affinity_floor": "eps im Betrachtergewicht activity*(eps+affinity)",
    "platform.competition_growth": "tägliches relatives Wachstum der Konkurrenz in den Feeds der Nutzer",
    "platform.share_visibility": "Wahrscheinlichkeit, dass ein Kontakt einen geteilten Post in seinem Feed sieht",
    "platform.engagement_visibility": (
        "Wahrscheinlichkeit, dass ein Kontakt einen Post sieht, weil ein Bekannter damit interagiert hat (Likes, Kommentare)"
    ),
    "platform.recommend_rate": (
        "Wahrscheinlichkeit, dass einem Nicht-Follower, der online ist (activity: die Wahrscheinlichkeit dafür), ein Post als "
        "Empfehlung gezeigt wird, bei Referenzreichweite; skaliert mit der Reichweite R (also mit Q und der Konkurrenz) und "
        "teilt sich wie die Reichweite bei Followern nach der Posting-Frequenz (r^post_split)"
    ),
    "platform.size_ref": "Seitengröße, bei der die organische Reichweite pro Post reach_base beträgt",
    "platform.size_elasticity": (
        "die organische Reichweite pro Post sinkt mit (followers/size_ref)^-size_elasticity: mehr Feeds, gleiche Aufmerksamkeit"
    ),
    "platform.reach_headroom": (
        "Obergrenze der Reichweite bei bester Qualität; mit steigendem Q nähert sich die Reichweite ihr an"
    ),
    "platform.ad_trust_learning": (
        "eine bezahlte Impression bewirkt diesen Anteil des trust_learning des Content-Typs: was Menschen als Anzeige erkennen, "
        "nehmen sie weniger ernst"
    ),
    "platform.cpm": "Preis bezahlter Impressionen bei Referenzqualität",
    "platform.cpm_quality_floor": (
        "Qualitätswert, relativ zu quality_ref, unter dem bezahlte Impressionen nicht teurer werden: der Preis ist "
        "cpm × quality_ref / max(Q, floor × quality_ref)"
    ),
    "reactions.engage_intercept": "Log-Odds der Interaktion bei wahrgenommenem Wert 0",
    "reactions.engage_slope": "Log-Odds der Interaktion je Einheit wahrgenommenen Werts",
    "reactions.value_noise": "Standardabweichung des momentanen Rauschens im wahrgenommenen Wert",
    "reactions.trust_weight": "b_trust: zusätzlicher Wert je Einheit Vertrauen über neutral",
    "reactions.annoyance_weight": "b_annoy: verlorener Wert je Einheit Verärgerung, mal promo_weight",
    "reactions.negative_intercept": "Log-Odds negativen Feedbacks bei Verärgerung 0 und Wert 0",
    "reactions.negative_annoyance": "Log-Odds negativen Feedbacks je Einheit Verärgerung",
    "reactions.negative_value": "Rückgang der Log-Odds negativen Feedbacks je Einheit Wert",
    "reactions.trust_forgetting": (
        "Anteil des Abstands zum eigenen Ausgangsvertrauen einer Person, den das Vertrauen jeden Tag zurückgeht: was nicht "
        "erneuert wird, wird vergessen, sodass sich das Vertrauen einpendelt"
    ),
    "reactions.annoyance_decay": "Anteil der Verärgerung, der jeden Tag abklingt",
    "reactions.overposting_dose": (
        "Verärgerung, die ein Follower, der die Seite heute sieht, je Post pro Tag über seiner Toleranz hinzugewinnt"
    ),
    "reactions.irrelevance_decay": "Anteil der Irrelevanz, der jeden Tag abklingt",
    "reactions.affinity_gain": "Affinität, die eine Interaktion aufbaut",
    "reactions.affinity_decay": "Anteil der Affinität, der jeden Tag abklingt",
    "reactions.irrelevance_memory": "Gewicht einer Ansicht im gleitenden Mittel, wie irrelevant die Seite ist",
    "reactions.follow_on_engage": (
        "Wahrscheinlichkeit, dass ein Nicht-Follower, der mit einem Post interagiert (geteilt, empfohlen, bezahlt), der Seite "
        "folgt"
    ),
    "follows.base_hazard": "Entfolgen aus Gründen, die das Modell nicht kennt",
    "follows.promo_annoyance": "Risiko je Einheit Verärgerung über Werbung",
    "follows.overposting_annoyance": "Risiko je Einheit Verärgerung über zu viele Posts",
    "follows.irrelevance": "Risiko je Einheit Irrelevanz (wie weit der Wert der gesehenen Posts unter 0,5 lag)",
    "follows.distrust": "Risiko je Einheit Vertrauen unter distrust_threshold",
    "follows.distrust_threshold": "Vertrauen, unterhalb dessen Misstrauen zum Entfolgen führt",
    "follows.service_grievance": "Risiko je Einheit Kränkung durch eine ignorierte oder gelöschte Beschwerde",
    "follows.hunter_hazard": "Risiko eines Gewinnjägers lange nach dem letzten Gewinnspiel",
    "follows.hunter_patience": "Zeitkonstante, wie lange ein Gewinnjäger auf das nächste Gewinnspiel wartet",
    "follows.cause_share": "einem Entfolgen wird eine Ursache zugeordnet, wenn sie mindestens diesen Anteil des Risikos ausmacht",
    "follows.follow_on_purchase": "Wahrscheinlichkeit, dass eine Person nach ihrem ersten Kauf der Seite folgt",
    "service.problem_rate": "Wahrscheinlichkeit, dass ein Kunde an einem Tag ein Problem hat (Produktqualität)",
    "service.problem_trust_hit": "Vertrauensverlust allein dadurch, dass ein Problem auftritt",
    "service.staff": (
        "Personen im Service-Team während der Servicezeiten; „auto“: jede Woche nach der erwarteten Last bemessen (die "
        "eigene Warteschlange durchgespielt, ausgehend von einer Erlang-C-Schätzung; target_in_time)"
    ),
    "service.target_in_time": (
        "bei staff = \"auto\": Anteil der in den Servicezeiten eingehenden Beschwerden, die innerhalb der Geduld des "
        "Beschwerdeführers beantwortet werden sollen (Wartezeit plus Antwort); bestimmt die Besetzung"
    ),
    "service.min_staff": (
        "die wenigsten Personen eines Service-Teams, das überhaupt besetzt ist: gesetzt, wenn ein festes Team auf einen "
        "kleineren Markt skaliert wird (ein Teil einer Person ist ein langsamerer Mitarbeiter: 1 Person auf 0,08 skaliert "
        "bräuchte 12,5 besetzte Stunden für eine Antwort), damit es beim Hochskalieren wieder so ist wie geschrieben"
    ),
    "service.staff_step": (
        "bei staff = \"auto\": das Service-Team wird in Schritten dieses Anteils einer Person bemessen (ein Bruchteil einer "
        "Person ist ein langsamerer Mitarbeiter)"
    ),
    "service.start_hour": "Beginn des täglichen Servicefensters (volle Stunde)",
    "service.hours_per_day": "Länge des täglichen Servicefensters (ganze Stunden)",
    "service.days_per_week": "abgedeckte Tage, beginnend mit Montag",
    "service.answers_per_staff_hour": "Durchsatz des Service-Teams je Person",
    "service.quality": "wie gut eine Antwort das Problem löst",
    "service.answer_share": "Anteil der Beschwerden, die die Marke beantworten will",
    "service.delete_share": "Anteil der Beschwerden, die die Marke löscht; die übrigen unbeantworteten werden ignoriert",
    "service.monitors_elsewhere": (
        "Anteil der außerhalb der Seite geäußerten Probleme, die das Social Listening der Marke findet (das Service-Team "
        "behandelt sie wie die auf der Seite); die übrigen bleiben ungehört"
    ),
    "service.listening_cost_per_day": "Kosten des Social Listening, mal monitors_elsewhere (Vorgabe: die einer Marke mit 250.000 Menschen; ein Szenario, das ihn nicht setzt, erhält ihn auf seine market.people skaliert)",
    "service.wage_per_hour": "Kosten einer Personalstunde: Besetzung des Service-Teams (je Person) und Erstellung von Posts",
    "service.hours_per_full_time": (
        "Personalstunden einer Vollzeitkraft pro Jahr: rechnet die Personalstunden des Service-Teams in Vollzeitkräfte um"
    ),
    "service.patience_hours": (
        "mittlere (exponentialverteilte) Zeit, die ein Beschwerdeführer wartet, bevor eine Antwort als verspätet gilt"
    ),
    "service.give_up_days": "eine unbeantwortete Beschwerde gilt nach dieser Zeit als ignoriert",
    "service.recovery_gain": (
        "was eine sofortige Antwort der Qualität 1 vor der Deckelung zurückgäbe: eine Antwort stellt min(problem_trust_hit, "
        "recovery_gain * quality * exp(-delay / reply_decay_hours)) wieder her; der Wert bestimmt also, wie lange eine Antwort "
        "das ganze Problem noch aufwiegt (bei Qualität 0,85 etwa 1,3 Stunden), nicht die Größe eines Gewinns (V5)"
    ),
    "service.reply_decay_hours": "Zeitkonstante, mit der der Wert einer Antwort mit ihrer Verzögerung abnimmt",
    "service.poor_answer_penalty": "Vertrauensverlust durch eine Antwort der Qualität 0",
    "service.ignore_penalty": "Vertrauensverlust, wenn eine Beschwerde ignoriert wird",
    "service.unheard_penalty": (
        "Vertrauensverlust, wenn ein Problem unbeantwortet bleibt, das dort geäußert wurde, wo die Marke nicht zuhört"
    ),
    "service.repost_deleted": (
        "Wahrscheinlichkeit, dass ein Beschwerdeführer, dessen Beschwerde gelöscht wurde, sie am nächsten Tag erneut auf der "
        "Seite postet; der erneute Post wird wie jede Beschwerde behandelt, und wer ihn sieht, beurteilt die Löschung, von der er berichtet"
    ),
    "service.delete_penalty": "Vertrauensverlust, wenn eine Beschwerde gelöscht wird",
    "service.onlooker_effect": (
        "Vertrauensänderung eines Followers, der auf der Seite einen Beschwerde-Thread gesehen hat, je Einheit von dessen "
        "Ergebniswert (onlooker_score_*)"
    ),
    "service.onlooker_score_problem": (
        "was Mitlesende davon halten, dass ein Kunde ein Problem hatte, wie auch immer es beantwortet wurde (das Problem "
        "sagt etwas über das Produkt, der Umgang damit über den Service): zum Wert des Ergebnisses addiert"
    ),
    "service.onlooker_score_in_time": "was Mitlesende von einem Thread halten, der beantwortet wurde, bevor die Geduld endete",
    "service.onlooker_score_late": "was Mitlesende von einem spät beantworteten Thread halten",
    "service.onlooker_score_ignored": "was Mitlesende von einem unbeantworteten Thread halten",
    "service.onlooker_score_deleted": "was Mitlesende von einem gelöschten Thread halten, oder von einem erneuten Post, der eine Löschung meldet",
    "service.promo_over_complaints": (
        "zusätzlicher Vertrauensverlust je gesehenem Post, mal dem promo_weight seines Typs (Werbung 1, Information 0,2), "
        "solange ein Beschwerde-Thread, den der Betrachter gesehen hat, offen ist"
    ),
    "service.comments_read": (
        "Kommentare, die ein Follower liest, der die Posts der Seite sieht; Beschwerde-Threads sind darunter im Verhältnis ihres "
        "Anteils an der Diskussion"
    ),
    "service.comment_share": (
        "gewöhnliche Kommentare je Interaktion: zusammen mit offenen Beschwerde-Threads bilden sie die Diskussion der Seite"
    ),
    "service.discussion_days": (
        "die Diskussion der Seite (Threads plus Kommentare pro Tag) wird über etwa so viele Tage gemittelt"
    ),
    "word_of_mouth.tell_positive": (
        "Wahrscheinlichkeit, dass ein gut beantworteter Beschwerdeführer seinen Kontakten davon erzählt"
    ),
    "word_of_mouth.tell_negative": "Wahrscheinlichkeit, dass ein ignorierter Beschwerdeführer seinen Kontakten davon erzählt",
    "word_of_mouth.tell_unheard": (
        "Wahrscheinlichkeit, dass ein Kunde, dessen Problem ungehört blieb, seinen Kontakten davon erzählt"
    ),
    "word_of_mouth.tell_deleted": (
        "Wahrscheinlichkeit, dass ein Beschwerdeführer, dessen Beschwerde gelöscht wurde, seinen Kontakten davon erzählt"
    ),
    "word_of_mouth.chatter_rate": (
        "Wahrscheinlichkeit, dass ein Kunde, der Fürsprecher oder Kritiker ist, an einem Tag über die Marke spricht"
    ),
    "word_of_mouth.reach_positive": "Anteil der Kontakte, den eine positive Nachricht erreicht",
    "word_of_mouth.reach_negative": "Anteil der Kontakte, den eine negative Nachricht erreicht",
    "word_of_mouth.trust_effect": "Vertrauensänderung je gehörter Nachricht",
    "word_of_mouth.follow_on_positive": "Wahrscheinlichkeit, dass ein Nicht-Follower, der Lob hört, der Seite folgt",
    "word_of_mouth.advocate_trust": (
        "Vertrauen, über dem ein Kunde die Marke von sich aus lobt (chatter_rate) und eine Person als Fürsprecher zählt (Netto-Fürsprecher)"
    ),
    "word_of_mouth.detractor_trust": (
        "Vertrauen, unter dem ein Kunde von sich aus vor der Marke warnt und eine Person als Kritiker zählt (Netto-Fürsprecher; "
        "der Boykott der Validierung V3)"
    ),
    "economy.price": "Preis je Verkauf",
    "economy.margin": "Marge je Verkauf vor Rabatten",
    "economy.base_purchase_rate": "tägliche Wahrscheinlichkeit, dass ein Kunde bei Vertrauen 0,5 erneut kauft (Loyalität)",
    "economy.prospect_purchase_rate": "tägliche Wahrscheinlichkeit, dass ein Nicht-Kunde bei Vertrauen 0,5 zum ersten Mal kauft",
    "economy.trust_elasticity": "Kaufraten wachsen mit (trust/0,5)^elasticity",
    "economy.lapse_rate": "tägliche Wahrscheinlichkeit, dass ein Kunde bei Vertrauen 0,5 abwandert (nicht mehr erneut kauft)",
    "economy.lapse_trust_slope": (
        "Abwanderungsrisiko = lapse_rate * exp(slope * (0,5 - trust)): es steigt, wenn das Vertrauen sinkt"
    ),
    "economy.discount_rate_per_year": "Diskontsatz für künftigen Rohertrag im Kundenwert",
    "economy.valuation_range": (
        "der Kundenwert wird zusätzlich mit beiden Verbindungen von Vertrauen und Geld (trust_elasticity, lapse_trust_slope), "
        "skaliert mit 1 - x und 1 + x, bewertet: wie sehr der Wert eines Laufs auf ihnen beruht"
    ),
    "content.TYPE.valued_by": "Anteil der Personen, deren Interesse an diesem Typ über 0,5 liegt",
    "content.TYPE.interest_spread": "Streuung des Interesses über die Personen auf der Logit-Skala",
    "content.TYPE.appeal": (
        "zusätzliche Log-Odds der Interaktion über den Wert des Typs hinaus (bei einem Gewinnspiel ist die Teilnahme einfach)"
    ),
    "content.TYPE.annoyance": "Verärgerung, die eine Ansicht hinzufügt",
    "content.TYPE.promo_weight": "wie stark Verärgerung den Wert dieses Typs senkt",
    "content.TYPE.trust_learning": "wie weit sich das Vertrauen bei einer Ansicht auf den Wert des Posts zubewegt",
    "content.TYPE.share_propensity": "Wahrscheinlichkeit, dass eine Interaktion ein Teilen ist",
    "content.TYPE.cascade_decay": (
        "über 0 verbreitet sich ein geteilter Post weiter: wer ihn sah, teilt ihn mit der vollen Teilneigung, die nächste "
        "Stufe mit diesem Anteil davon, die übernächste mit dessen Quadrat (0: nur eine Stufe)"
    ),
    "content.TYPE.conversion": "Wahrscheinlichkeit, dass eine Interaktion bei Vertrauen 0,5 zu einem Verkauf führt",
    "content.TYPE.discount": (
        "bei Verkäufen, die dieser Typ auslöst, nachgelassener Anteil des Preises: Umsatz Preis × (1 − Rabatt), Rohertrag dieser "
        "abzüglich der Kosten Preis × (1 − Marge); ein Rabatt in Höhe der Marge verkauft zum Selbstkostenpreis"
    ),
    "content.TYPE.requires_follow": "Teilnahme erfordert Folgen + Teilen (ein Gewinnspiel)",
    "content.TYPE.prize": "Kosten für Preise oder Produktproben pro Post, für den Markt wie geschrieben (mit ihm skaliert) (Vorgabe: die einer Marke mit 250.000 Menschen; ein Szenario, das ihn nicht setzt, erhält ihn auf seine market.people skaliert)",
    "content.TYPE.production_hours": (
        "Arbeitszeit, um einen Post dieses Typs zu erstellen und freizugeben, vergütet mit service.wage_per_hour (cost_content)"
    ),
}

SOURCE_DE: dict[str, str] = {
    "market.activity_shape": "Annahme: die meisten Menschen sind an manchen Tagen online, wenige täglich",
    "market.tolerance_shape": "Annahme: Toleranzen streuen, wenige nahe null",
    "market.initial_follower_affinity": (
        "Annahme: Follower an Tag 0 haben schon mit der Seite interagiert; spätere beginnen bei dem, was sie getan haben"
    ),
    "word_of_mouth.advocate_trust": "MODEL.md §6; Annahme, wie das obere Ende der Skala eines Net Promoter Score",
    "word_of_mouth.detractor_trust": "MODEL.md §6; Annahme, wie das untere Ende der Skala eines Net Promoter Score",
    "service.onlooker_score_problem": (
        "de Matos, Henrique & Rossi 2007 (kein Recovery-Paradox bei der Wiederkaufabsicht: V5), für Mitlesende wie für "
        "den Beschwerdeführer: eine rechtzeitige Antwort macht das gesehene Problem bestenfalls wett"
    ),
    "service.onlooker_score_in_time": "Annahme: die Einheit der Bewertungen der Mitlesenden",
    "service.onlooker_score_late": "Annahme: halb so viel wert wie eine rechtzeitige Antwort",
    "service.onlooker_score_ignored": "Annahme: so schlecht, wie eine rechtzeitige Antwort gut ist",
    "service.onlooker_score_deleted": "Annahme: schlimmer als Ignorieren (die Beschwerde wurde zum Verschwinden gebracht, nicht nur liegen gelassen)",
    "platform.cpm_quality_floor": (
        "Annahme: Werbeauktionen verlangen für schlecht bewertete Anzeigen mehr, in Grenzen (hier höchstens das 20-Fache des Referenzpreises)"
    ),
    "market.contest_share": (
        "Snipp 2016: 23\u00a0% der Besucher von Social-Media-Seiten von Marken kamen, um an Gewinnspielen teilzunehmen (drei Jahre "
        "zuvor 16\u00a0%); rund 55 Millionen Amerikaner, ein Fünftel der Erwachsenen, nehmen jährlich an Gewinnspielen teil"
    ),
    "market.degree_tail": "soziale Netzwerke mit stark rechtsschiefer Gradverteilung (Barabasi & Albert 1999)",
    "market.max_ties": "angenommen; Goncalves, Perra & Vespignani 2011: Twitter-Nutzer unterhalten sich mit höchstens 100-200 anderen",
    "strategy.has_page": "seed 000",
    "strategy.posts_growth": (
        "Admin-Posts pro Monat 6,5 → 36,2, 2011–2012 (pilot / Zucker.Kommunikation, Trendreport 2012; Validierung V1)"
    ),
    "strategy.fan_acquisition": (
        "Fanzahlen 2011 auf das 7-Fache, 2012 auf das 5-Fache gewachsen (pilot / Zucker.Kommunikation, Trendreport 2012; "
        "Validierung V1)"
    ),
    "platform.reach_base": (
        "organische Reichweite von Markenseiten 6–16\u00a0% (Branchenberichte 2012–2014); Annahme: Mitte der Spanne"
    ),
    "platform.reach_elasticity": "seed 000 (wenig Interaktion → wird weniger Fans gezeigt)",
    "platform.start_quality": (
        "Annahme: eine Seite wurde schon vor Tag 0 so geführt, wie sie ist, also bewertet die Plattform bereits, was sie postet "
        "(mit dem Referenzwert fiel die Reichweite einer werbelastigen Seite im ersten Monat auf ein Siebtel, ein Artefakt des Starts)"
    ),
    "platform.reach_min": (
        "Social@Ogilvy 2014 (Facebook Zero): etwa 2\u00a0% organische Reichweite bei Seiten mit über 500.000 Likes; 1\u00a0% als "
        "Untergrenze für die Seiten, die die Plattform am schlechtesten bewertet; zuvor 0,002, Annahme"
    ),
    "platform.post_split_days": (
        "ein Post bleibt tagelang in den Feeds der Follower; 5-mal so viele Posts steigerten die Interaktion nicht (Trendreport "
        "2012, im seed 002; Validierung V1)"
    ),
    "platform.competition_growth": (
        "pro Nutzer gelikte Seiten 4,5 → 36,7, 2009–2012 (Socialbakers, im Trendreport 2012; Validierung V1)"
    ),
    "platform.engagement_visibility": (
        "Annahme: Meldungen wie „Einem Freund gefällt das“, deutlich seltener gesehen als ein geteilter Post"
    ),
    "platform.recommend_rate": (
        "Annahme; angepasst, sodass Seiten, die Menschen schätzen, ohne Kampagnen um 5–40\u00a0% pro Jahr wachsen (Validierung V6); "
        "zuvor 0,1, als Kunden noch nicht abwanderten und Nicht-Kunden nicht seltener kauften als Kunden"
    ),
    "platform.size_ref": "Locowise 2015 (500 Seiten): 11\u00a0% Reichweite unter 10.000 Likes",
    "platform.size_elasticity": (
        "Locowise 2015: Reichweite 11\u00a0% (<10 Tsd. Likes), 6\u00a0% (10–100 Tsd.), 5\u00a0% (>100 Tsd.): etwa Follower^-0,2"
    ),
    "platform.reach_headroom": (
        "Annahme: die besten Seiten erreichen etwa den doppelten durchschnittlichen Anteil (Locowise 2015 nach Post-Typ: 18\u00a0% "
        "gegenüber 7\u00a0%)"
    ),
    "platform.ad_trust_learning": (
        "Annahme nach Nielsen Global Trust in Advertising 2015 (Anzeigen in sozialen Netzwerken vertrauen 46\u00a0%, Empfehlungen von "
        "Bekannten 83\u00a0%: etwa die Hälfte)"
    ),
    "reactions.irrelevance_decay": "Annahme: gleich annoyance_decay",
    "follows.promo_annoyance": "seed 001 (reine Produkt-Feeds lassen Menschen sich abwenden)",
    "follows.irrelevance": "angepasst an Sprout Social 2016: 41\u00a0% der Entfolgenden nennen irrelevante Inhalte (Validierung V4)",
    "follows.distrust": (
        "angepasst an Sprout Social 2016: Werbung und Irrelevanz sind die beiden Gründe, die Entfolgende am häufigsten nennen "
        "(Validierung V4); zuvor 0,02, Annahme"
    ),
    "follows.service_grievance": "Sprout Social Index 2017 (35\u00a0% der ignorierten Beschwerdeführer boykottieren)",
    "follows.hunter_hazard": "seed 001 (nach dem Gewinnspiel erinnert sich niemand an die Marke)",
    "follows.follow_on_purchase": "Annahme: ein Teil der Neukunden sucht die Marke auf",
    "service.staff": "seed 002 (Dialog braucht mindestens eine, besser zwei Personen)",
    "service.target_in_time": (
        "die Contact-Center-Konvention: 80\u00a0% innerhalb der Zielzeit beantwortet (Personalbemessung nach Erlang C)"
    ),
    "service.staff_step": (
        "Annahme: bei geringer Last beantwortet eine Person Beschwerden neben anderer Arbeit, geplant in Zwanzigsteln der "
        "Servicezeit (3 Minuten pro Stunde); 1 = nur ganze Personen, wie in der Personalbemessung von Contact-Centern üblich"
    ),
    "service.answers_per_staff_hour": (
        "LiveAgent-Benchmark für Social-Media-Support: durchschnittliche Bearbeitungszeit einer Social-Media-Anfrage etwa 5 "
        "Minuten (12 pro Stunde); zuvor 4, Annahme"
    ),
    "service.monitors_elsewhere": "seed 004 (Foren werden nicht beobachtet)",
    "service.listening_cost_per_day": (
        "Annahme nach Listenpreisen für Social Listening (etwa 800–3.000 pro Monat für eine mittelgroße Marke); skaliert mit "
        "monitors_elsewhere"
    ),
    "service.wage_per_hour": (
        "Gehalt.de 2019: Median Social-Media-Manager 36.100 EUR im Jahr; ×1,21 Arbeitgeberanteile / 1.600 bezahlte Stunden = 27, "
        "aufgerundet für Abend- und Wochenenddienste; zuvor 35, Annahme"
    ),
    "service.hours_per_full_time": (
        "die jährlichen Besetzungsstunden, die wage_per_hour für eine Vollzeitkraft annimmt (40 h pro Woche abzüglich Urlaub, "
        "Feiertagen und Krankheitstagen)"
    ),
    "service.problem_rate": (
        "angenommen, eher hoch: 0,001 am Tag sind 31\u00a0% der Kunden einer Marke im Jahr; der National Customer Rage "
        "Survey (CCMC und Arizona State University 2023) findet 74\u00a0% der US-Haushalte mit einem Problem mit irgendeinem "
        "Produkt oder Dienst in 12 Monaten, 13-14\u00a0% in den anfälligsten Kategorien (Computer und Internet, Autos); "
        "für das eigene Beschwerdeaufkommen einer Marke variieren"
    ),
    "service.patience_hours": "Edison Research 2012: 42\u00a0% erwarten eine Antwort innerhalb von 60 Minuten",
    "service.recovery_gain": (
        "seed 003 (eine beantwortete Beschwerde macht aus einem verärgerten Kunden einen Multiplikator); gedeckelt nach de Matos "
        "et al. 2007"
    ),
    "service.reply_decay_hours": "Twitter/Applied Marketing Science 2016 (20 $ bei <6 Min. gegenüber 2,33 $ bei >1 Std.)",
    "service.poor_answer_penalty": "seed 004 (mittelmäßiger ausgelagerter Service)",
    "service.ignore_penalty": (
        "angepasst an Sprout Social Index 2017: 35\u00a0% der ignorierten Beschwerdeführer boykottieren (Validierung V3); zuvor 0,15, "
        "Annahme"
    ),
    "service.unheard_penalty": (
        "Annahme: unter ignore_penalty (niemand bei der Marke hat es gesehen, also keine Brüskierung; das Problem bleibt "
        "ungelöst)"
    ),
    "service.repost_deleted": (
        "Annahme: eine gelöschte Beschwerde kommt lauter zurück (der Streisand-Effekt); seed 002 beschreibt Marken, denen Kritik "
        "am liebsten gar nicht erst vorkäme"
    ),
    "service.delete_penalty": (
        "Annahme: das Verhältnis zu ignore_penalty aus den ersten, angenommenen Werten beibehalten (0,25 / 0,15)"
    ),
    "service.onlooker_effect": "seed 000 (wie mit Problemen umgegangen wird, ist öffentlich)",
    "service.promo_over_complaints": "seed 004 (automatisierte Produkt-Posts, während ein Kunde Hilfe braucht)",
    "service.comments_read": "Annahme: der Feed zeigt einen Post mit etwa einem Kommentar darunter (dem relevantesten)",
    "service.comment_share": (
        "Annahme: Kommentare machen etwa ein Zehntel der Interaktionen mit Marken-Posts aus (Branchenstudien; Reaktionen "
        "überwiegen)"
    ),
    "service.discussion_days": "Annahme: die neuesten Kommentare einer Seite bleiben etwa eine Woche sichtbar",
    "word_of_mouth.tell_positive": "Sprout Social Index 2017 (45\u00a0% posten etwas Positives)",
    "word_of_mouth.tell_negative": "Sprout Social Index 2017 (31\u00a0% erzählen es ihrem Netzwerk)",
    "word_of_mouth.tell_unheard": "Annahme: halb so hoch wie tell_negative (der Kunde hat sich schon anderswo beschwert)",
    "word_of_mouth.chatter_rate": "seed 000 (Menschen sprechen über eine Marke, ob sie präsent ist oder nicht)",
    "word_of_mouth.reach_negative": "negative Mundpropaganda verbreitet sich weiter (seed 004)",
    "economy.margin": "seed 000 (Dauerrabatte schmälern den Gewinn)",
    "economy.prospect_purchase_rate": (
        "Annahme: zusammen mit lapse_rate ist der stabile Kundenanteil eines neutralen Markts a/(a+h) = 0,27 (market.customer_share)"
    ),
    "market.customer_share": (
        "Annahme: der stabile Zustand der Kauf- und Abwanderungsraten der Wirtschaft (0,27 bei neutralem Vertrauen mit den "
        "Standardwerten; zuvor 0,3, wovon jeder Markt in den ersten Jahren ein Zehntel seiner Kunden und seines Kundenwerts verlor)"
    ),
    "reactions.trust_forgetting": (
        "Annahme: eine Halbwertszeit von etwa zwei Jahren (Werbewirkung klingt binnen Monaten ab, Clarke 1976; Vertrauen in "
        "eine Marke hält länger)"
    ),
    "economy.lapse_rate": (
        "Gupta, Lehmann & Stuart 2004 (Valuing customers): jährliche Kundenbindung von 70–95\u00a0% in den bewerteten Unternehmen; "
        "0,0008/Tag = 25\u00a0% Abwanderung pro Jahr bei neutralem Vertrauen"
    ),
    "economy.lapse_trust_slope": "Annahme: die Abwanderung verdoppelt sich von Vertrauen 0,5 auf 0,33 und halbiert sich bei 0,67",
    "economy.discount_rate_per_year": "Gupta, Lehmann & Stuart 2004 (12\u00a0% pro Jahr in ihren Kundenbewertungen)",
    "economy.valuation_range": (
        "die Spanne des Berichts um zwei Annahmen (trust_elasticity, lapse_trust_slope): halb so stark bis anderthalbmal so stark"
    ),
    "content.TYPE.valued_by": "Panel im seed 002; promo: Annahme",
    "content.TYPE.cascade_decay": (
        "Gewinnspiele, bei denen man zur Teilnahme teilen muss, verbreiten sich über die Freunde der Teilenden hinaus (seed "
        "001); Annahme"
    ),
    "content.TYPE.requires_follow": "seed 001",
    "content.TYPE.production_hours": (
        "Annahme: etwa 5 Stunden pro Woche für Erstellung und Freigabe von Inhalten (MarketingProfs, zitiert in Wild Creatives "
        "„Social Media Under the Microscope“), verteilt auf etwa einen Post pro Tag; Planung und Analyse nicht berechnet"
    ),
    "content.TYPE.prize": (
        "Annahme: Preise und Produktproben einer Marke wachsen mit ihrem Markt wie ihre Budgets (eine Seite mit 2.000 Followern "
        "verschenkt nicht, was eine mit 50.000 verschenkt)"
    ),
}
