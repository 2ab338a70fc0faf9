"""Reason codes from the code of conduct (gedragscode), with the Dutch text the author reads."""

RETURN_REASONS: dict[str, str] = {
    "persoonsgegevens": "Je tekst bevat persoonlijke gegevens die we niet goed kunnen weghalen.",
    "taal": "Schrijf je waardering in het Nederlands, dan kunnen alle gezinnen ze lezen.",
    "leesbaarheid": "Je tekst is moeilijk te lezen. Kan je hem in gewone zinnen schrijven?",
    "toon": "Sommige woorden zijn kwetsend. Kan je je ervaring zonder die woorden vertellen?",
    "eigen_ervaring": "Vertel over je eigen ervaring met deze voorziening.",
}
REJECT_REASONS: dict[str, str] = {
    "scheldwoorden": "De waardering bevat scheldwoorden, bedreigingen of discriminerende taal.",
    "reclame": "De waardering is reclame of gaat niet over de voorziening.",
    "nep": "De waardering lijkt niet op een echte, eigen ervaring te steunen.",
    "dubbel": "Deze waardering is (bijna) dezelfde als een andere waardering.",
    "interval": "Je gaf deze voorziening onlangs al een waardering. Een nieuwe kan pas na de "
    "wachttijd; je vorige waardering kan je wel aanpassen.",
}
ESCALATE_REASONS: dict[str, str] = {
    "ernstige_feiten": "Beschrijft mogelijk geweld, misbruik, verwaarlozing of onveilige zorg.",
}

REASONS: dict[str, dict[str, str]] = {
    "return": RETURN_REASONS,
    "reject": REJECT_REASONS,
    "escalate": ESCALATE_REASONS,
}
