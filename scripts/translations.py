"""Write the French and English catalogues from the template and the table below.

Run `pybabel extract -F babel.cfg -o web/translations/messages.pot web` first, then this script.
Dutch is the source language; a msgid without a translation here falls back to Dutch.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent / "web" / "translations"

TABLE: dict[str, tuple[str, str]] = {
    "Zorgwaardering Vlaanderen": ("Avis sur les soins en Flandre", "Care reviews Flanders"),
    "Ga naar de inhoud": ("Aller au contenu", "Skip to content"),
    "Hoofdmenu": ("Menu principal", "Main menu"),
    "Zoeken": ("Rechercher", "Search"),
    "Hoe we controleren": ("Comment nous vérifions", "How we check"),
    "Afmelden": ("Se déconnecter", "Log out"),
    "Aanmelden": ("Se connecter", "Log in"),
    "Hoe we waarderingen controleren": ("Comment nous vérifions les avis", "How we check reviews"),
    "Gedragscode": ("Code de conduite", "Code of conduct"),
    "Bedankt": ("Merci", "Thank you"),
    "Bedankt! We hebben je waardering goed ontvangen": (
        "Merci ! Nous avons bien reçu ton avis",
        "Thank you! We have received your review",
    ),
    "Wat gebeurt er nu?": ("Et maintenant ?", "What happens now?"),
    "Een computer haalt namen en andere persoonlijke gegevens weg.": (
        "Un ordinateur retire les noms et les autres données personnelles.",
        "A computer removes names and other personal data.",
    ),
    "Iemand van onze redactie leest je waardering na. Meestal is dat dezelfde werkdag, "
    "soms duurt het tot 3 werkdagen.": (
        "Une personne de notre rédaction relit ton avis. En général le jour ouvrable même, "
        "parfois jusqu'à 3 jours ouvrables.",
        "Someone from our editorial team reads your review. Usually on the same working day, "
        "sometimes up to 3 working days.",
    ),
    "Je krijgt een mail als je waardering online staat, of als we je iets willen vragen.": (
        "Tu reçois un e-mail quand ton avis est en ligne, ou si nous avons une question.",
        "You get an e-mail when your review is online, or if we have a question.",
    ),
    "Volg je waardering via deze persoonlijke link.": (
        "Suis ton avis via ce lien personnel.",
        "Follow your review through this personal link.",
    ),
    "Bewaar hem goed en deel hem niet.": (
        "Garde-le bien et ne le partage pas.",
        "Keep it safe and do not share it.",
    ),
    "Kijk in je mailbox": ("Regarde dans ta boîte mail", "Check your mailbox"),
    "Bijna klaar: kijk in je mailbox": (
        "Presque fini : regarde dans ta boîte mail",
        "Almost done: check your mailbox",
    ),
    "We stuurden je een mail met een link. Klik op die link om te bevestigen dat jij het bent.": (
        "Nous t'avons envoyé un e-mail avec un lien. Clique sur ce lien pour confirmer que "
        "c'est bien toi.",
        "We sent you an e-mail with a link. Click that link to confirm it is you.",
    ),
    "Zie je geen mail? Kijk ook bij ongewenste mail (spam). De link werkt 7 dagen.": (
        "Pas d'e-mail ? Regarde aussi dans les courriers indésirables (spam). Le lien est "
        "valable 7 jours.",
        "No e-mail? Check your spam folder too. The link works for 7 days.",
    ),
    "Waardering voor %(name)s": ("Avis sur %(name)s", "Review of %(name)s"),
    "Jouw ervaring met %(name)s": ("Ton expérience avec %(name)s", "Your experience with %(name)s"),
    "Geef per thema een score. Weet je iets niet? Sla dat thema dan over. Je mag er iets bij "
    "schrijven, maar dat hoeft niet. Noem geen namen: die halen we toch weg.": (
        "Donne un score par thème. Tu ne sais pas ? Passe ce thème. Tu peux ajouter un texte, "
        "mais ce n'est pas obligatoire. Ne cite pas de noms : nous les retirons de toute façon.",
        "Give a score per theme. Not sure? Skip that theme. You may add a text, but you do not "
        "have to. Do not mention names: we remove them anyway.",
    ),
    "Waarderingen verschijnen in het Nederlands.": (
        "Les avis sont publiés en néerlandais. Écris en néerlandais si tu peux.",
        "Reviews are published in Dutch. Please write in Dutch if you can.",
    ),
    "Er ontbreekt nog iets of er klopt iets niet. Kijk de rode meldingen na. Wat je typte, "
    "staat er nog.": (
        "Il manque quelque chose ou quelque chose ne va pas. Vérifie les messages en rouge. Ce "
        "que tu as tapé est conservé.",
        "Something is missing or not right. Check the red messages. What you typed is kept.",
    ),
    "We sturen je een mail met een link. Pas als je op die link klikt, lezen we je waardering "
    "na.": (
        "Nous t'envoyons un e-mail avec un lien. Nous relisons ton avis seulement après ton clic.",
        "We send you an e-mail with a link. We read your review only after you click it.",
    ),
    "Waardering versturen": ("Envoyer l'avis", "Send review"),
    "Ervaringen met kinderopvang, jeugdhulp, zorg voor personen met een handicap en ouderenzorg": (
        "Expériences en accueil d'enfants, aide à la jeunesse, soins aux personnes handicapées "
        "et soins aux personnes âgées",
        "Experiences with childcare, youth care, care for people with a disability and elderly "
        "care",
    ),
    "Lees wat andere gezinnen meemaakten, en vertel zelf hoe het was.": (
        "Lis ce que d'autres familles ont vécu, et raconte ton expérience.",
        "Read what other families experienced, and tell how it was for you.",
    ),
    "Zoek een voorziening (naam, gemeente of postcode)": (
        "Cherche un établissement (nom, commune ou code postal)",
        "Find a facility (name, municipality or postcode)",
    ),
    "Soort zorg": ("Type de soins", "Kind of care"),
    "Alle": ("Tous", "All"),
    "Verslag van Zorginspectie": ("Rapport de l'inspection des soins", "Care inspectorate report"),
    "Schrijf een waardering": ("Écrire un avis", "Write a review"),
    "Waarderingen per thema": ("Avis par thème", "Reviews per theme"),
    "Gemiddelde score op 5 (laatste 4 jaar)": (
        "Score moyen sur 5 (4 dernières années)",
        "Average score out of 5 (last 4 years)",
    ),
    "Thema": ("Thème", "Theme"),
    "Gemiddelde": ("Moyenne", "Average"),
    "Verdeling (1 tot 5)": ("Répartition (1 à 5)", "Distribution (1 to 5)"),
    "Ervaringen": ("Expériences", "Experiences"),
    "Toon ervaringen over": ("Afficher les expériences sur", "Show experiences about"),
    "Tonen": ("Afficher", "Show"),
    "Positief verhaal": ("Expérience positive", "Positive story"),
    "Er zijn nog geen gepubliceerde waarderingen.": (
        "Il n'y a pas encore d'avis publiés.",
        "There are no published reviews yet.",
    ),
    "Vorige": ("Précédent", "Previous"),
    "Volgende": ("Suivant", "Next"),
    "Zoek een voorziening": ("Chercher un établissement", "Find a facility"),
    "Naam, gemeente of postcode": ("Nom, commune ou code postal", "Name, municipality or postcode"),
    "Soort voorziening": ("Type d'établissement", "Type of facility"),
}


def main() -> None:
    """Update fr and en catalogues from messages.pot."""
    with (ROOT / "messages.pot").open("rb") as fh:
        template = read_po(fh)
    for index, lang in enumerate(("fr", "en")):
        catalog = Catalog(locale=lang, project="zorgreviews")
        for message in template:
            if not message.id:
                continue
            pair = TABLE.get(str(message.id))
            catalog.add(message.id, pair[index] if pair else "", locations=message.locations)
        out = ROOT / lang / "LC_MESSAGES" / "messages.po"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as fh:
            write_po(fh, catalog, width=100)


if __name__ == "__main__":
    main()
