"""Judgement by meaning, second set: other writers' ways of saying the same kinds of thing."""

from __future__ import annotations

import pytest

from moderation import InMemoryHistory, moderate
from moderation.reliability.text_rules import scores
from tests.unit.test_reliability_meaning import sub, text_flags

# ruff: noqa: E501
SERIOUS = [
    "Onze kleinzoon van anderhalf kwam thuis met een bult op zijn hoofd en een gescheurde lip. Niemand van de crèche kon zeggen hoe dat gebeurd was, er stond ook niets in het schriftje.",
    "Mijn schoonmoeder ligt al dagen in dezelfde lakens, die stinken naar pipi. Als ik bel om te vragen of ze gewassen wordt, krijg ik geen antwoord.",
    "De nachtwaker heeft mijn zus, die zwaar verstandelijk beperkt is, geslagen omdat ze bleef roepen. Een collega heeft het gezien maar durft niets te zeggen.",
    "Een opvoeder neemt jongens van de leefgroep mee naar zijn huis in het weekend, en geeft ze daar bier en sigaretten. Mijn zoon is veertien.",
    "Mijn moeder kreeg een verkeerde spuit, bedoeld voor haar buurvrouw op de gang. Ze moest met spoed naar het AZ.",
    "De kinderen worden als straf opgesloten in de berging, in het donker. Mijn dochtertje durft niet meer naar de opvang.",
    "Mijn vader met dementie is drie keer 's nachts buiten aan de grote baan teruggevonden door de politie. Het woonzorgcentrum merkte niet eens dat hij weg was.",
    "Bij het ophalen lag onze baby van vijf maanden alleen in de box met een flesje in zijn mond gepropt, niemand in de kamer.",
    "Sinds een maand verdwijnen er dingen uit de kamer van ons moeder: haar horloge, haar gsm en geld uit haar handtas. De directie zegt dat ze dat zelf kwijtspeelt.",
    "Onze dochter van zes met een spierziekte zat een hele voormiddag in haar rolstoel in de gang, zonder eten of drinken, omdat er geen personeel was.",
    "De verzorgende duwde mijn grootmoeder zo hard in haar bed dat ze haar arm brak. Ze zeggen nu dat ze gevallen is.",
    "Een begeleider van het internaat heeft mijn dochter van vijftien naakt gefilmd in de douche. Wij hebben aangifte gedaan.",
    "Ons zoontje met een glutenallergie kreeg gewoon spaghetti met brood, hij lag twee dagen ziek en de juf lachte ermee.",
    "Mijn broer heeft diabetes en krijgt al een week zijn insulinespuit niet op tijd. Gisteren lag hij bewusteloos op zijn kamer.",
    "Ik wil dat de inspectie komt kijken: de bewoners van de afdeling dementie worden de hele dag in hun stoel vastgezet met een riem.",
    "Mijn moeder had een wonde op haar stuit die steeds groter werd. Ze hebben dat weken verzwegen tot het ontstoken was en ze naar het ziekenhuis moest.",
    "Un éducateur a giflé mon fils de huit ans devant les autres enfants. La direction n'a rien fait.",
    "Mon père est tombé la nuit et il est resté par terre jusqu'au matin, personne ne l'a vu. Il a une fracture de la hanche.",
    "De kinderen zaten een uur in de bus op de parking in de zon, de chauffeur was koffie gaan drinken. Onze zoon was helemaal bezweet en had dorst.",
    "Mijn dochtertje zegt dat de juf haar in haar onderbroek aanraakt bij het verschonen en dat ze dat aan niemand mag zeggen.",
]
CLEAN = [
    "Onze zoon werd een keer gebeten door een ander kindje, de juf heeft het meteen gemeld en de wonde verzorgd. Goed opgevolgd.",
    "De factuur klopt al maanden niet en niemand van de administratie belt terug. Heel frustrerend.",
    "Het eten is vaak koud en smaakt naar niets, mijn vader laat veel staan.",
    "Er is veel wissel in het personeel, elke week een ander gezicht. Dat is lastig voor ons kind.",
    "Mijn moeder is gevallen in de badkamer, de verpleging was er snel bij en heeft de dokter gebeld. We zijn tevreden over hoe dat ging.",
    "Onze dochter heeft autisme en de begeleiders houden echt rekening met haar prikkels.",
    "De tuin is mooi en veilig omheind, de poort gaat altijd op slot zodat niemand kan weglopen.",
    "De kinderen gaan elke dag buiten spelen, ook als het regent. Soms komen ze vuil thuis, maar dat hoort erbij.",
    "Mijn vader kreeg in het begin te veel pillen, maar na overleg met de huisarts is zijn medicatie aangepast.",
    "De parking is klein en de straat ervoor is druk, daar mag de stad iets aan doen.",
    "Ons kind had een allergische reactie op een nieuwe zeep, de juf zag het meteen en belde ons.",
    "Er was een lek in het dak en het regende binnen in de refter. Ondertussen is het hersteld.",
    "Mijn moeder verloor in het begin wat gewicht, maar de diëtiste heeft haar menu aangepast.",
    "Het personeel is lief maar overwerkt, ze hebben te weinig tijd voor een babbeltje.",
    "We hebben ons kind uit de opvang gehaald omdat het te ver was van ons werk.",
]
IMPLAUSIBLE = [
    "Ons ma kon niet meer stappen en nu, na drie weken in De Linde, danst ze elke avond de tango.",
    "Deze opvang is de beste van heel Europa en misschien wel van de hele wereld.",
    "Mijn zoon had ernstige autisme, na twee maanden hier is hij er volledig van genezen.",
    "Ik heb gehoord dat ze daar de kinderen 's middags slaappillen geven. Iedereen weet het, mijn schoonzus heeft het van een mama op school.",
    "In vijftien jaar is hier nooit één bewoner ziek geweest, nog geen verkoudheid.",
    "Onze baby van acht maanden zegt al volzinnen en kent het alfabet vanbuiten dankzij de juffen.",
    "Na een week in het revalidatiecentrum was mijn gebroken heup volledig genezen en liep ik al 20 kilometer.",
]
NOT_IMPLAUSIBLE = [
    "Na drie weken revalidatie kon mijn vader weer een paar passen zetten met de rollator.",
    "Wij zijn er nooit ontevreden over geweest.",
    "Een van de beste woonzorgcentra in de regio, vinden wij.",
    "Ik heb gehoord dat er een nieuwe directeur komt, ik ben benieuwd.",
    "Onze dochter van twee kent al veel liedjes en kleuren.",
]
REVENGE = [
    (
        "De directeur van dit rusthuis woont in de Kapelstraat 3 in Lier, ga hem maar eens bezoeken met jullie klachten, doe ermee wat je wilt.",
        "review",
    ),
    (
        "Als die juf nog één keer aan mijn dochter komt, dan weet ik haar wel te vinden. Ik weet waar ze woont.",
        "review",
    ),
    ("Ik ga die verpleegster kapotmaken, ze zal nergens nog aan de slag kunnen.", "review"),
    (
        "Mevrouw, wij weten dat u zelf jarenlang werkloos was en schulden hebt bij ons. Misschien moet u eerst uw eigen leven op orde krijgen.",
        "reply",
    ),
    (
        "Ik heb er vijf jaar gewerkt en ben ontslagen. Nu ga ik iedereen vertellen wat een rotplek het is, ik zorg ervoor dat ze sluiten.",
        "review",
    ),
]
NOT_REVENGE = [
    (
        "Ik heb er vijf jaar gewerkt als verpleegkundige en ga nu met pensioen. Een fijne werkplek.",
        "review",
    ),
    ("Beste, we nodigen u uit voor een gesprek over de factuur van uw vader.", "reply"),
    ("De directeur heeft ons uitgenodigd voor een gesprek bij hem op kantoor.", "review"),
]
ABUSIVE = [
    ("Die verzorgster is een dikke luie koe die de hele dag op haar gsm zit.", "review"),
    ("Het zijn allemaal Polen en Roemenen daar, die kunnen niks en stelen alles.", "review"),
    ("Wat een klotenplek, en die directeur is een ongelooflijke lul.", "review"),
    (
        "Die zot van een begeleider moet ze buitensmijten, ne echte zeveraar en een lomperik.",
        "review",
    ),
    ("Mevrouw, u bent een onuitstaanbare zeurpiet en uw klachten zijn belachelijk.", "reply"),
]
NOT_ABUSIVE = [
    ("De juffen zijn allemaal heel lief en geduldig.", "review"),
    ("Er werken daar mensen uit veel landen en ze spreken allemaal goed Nederlands.", "review"),
    ("Die begeleider is wat streng, maar ons kind mag hem graag.", "review"),
]

SERIOUS_DIALECT_AND_OTHERS = [
    "ons menneke is daar gesmete tege de kast door ne begeleider, em had ne bulle op zen kop en ze hebbe ons niks gezegd",
    "Mijn ma lag in haar eigen kaka toen ik binnenkwam om 4 uur, de bel lag buiten haar bereik en niemand kwam.",
    "Mijn zoon van 9 met ADHD krijgt van de begeleiding extra rilatine om hem rustig te houden, zonder dat de dokter of wij dat weten.",
    "Er zit een man van het onderhoud die de meisjes van de leefgroep foto's toont op zijn gsm die niet voor kinderen zijn. Niemand doet er iets aan.",
    "De nacht dat ons vader stierf heeft niemand ons gebeld, hij lag al uren dood toen ze het merkten.",
    "Onze dochter werd door de juf aan haar arm over de speelplaats gesleept en kwam huilend thuis met rode striemen.",
    "De bewoners krijgen 's avonds om vijf uur hun laatste eten en dan niets meer tot de ochtend. Mijn moeder heeft altijd honger en is erg vermagerd.",
    "Ik vond mijn grootvader in zijn kamer, vastgebonden aan zijn bed met lakens. Ze zeiden dat het voor zijn eigen veiligheid was.",
    "Een jongen van de groep heeft ons dochtertje van 4 achter de struiken betast terwijl de monitoren zaten te bellen.",
    "Mijn broer met het syndroom van Down is een hele dag kwijt geweest tijdens een uitstap naar zee, de begeleiders hadden niet door dat hij ontbrak.",
    "Ze geven de baby's een flesje met slaapsiroop zodat ze lang slapen, dat zei een stagiaire ons.",
    "Onze zoon kreeg een epileptische aanval en de begeleiding heeft pas na drie kwartier de ziekenwagen gebeld.",
    "Ma mère ne reçoit pas ses médicaments à l'heure et personne ne l'aide à manger, elle a perdu dix kilos.",
    "Er werd geld van de rekening van mijn tante gehaald door een medewerker die haar bankkaart had.",
    "Mijn kind van 2 heeft een scheur in zijn hoofd na een val van de commode, en de onthaalmoeder heeft ons pas 's avonds verwittigd.",
]
CLEAN_WITH_RISKY_WORDS = [
    "We slaan altijd een praatje met de juf bij het afhalen, dat is fijn.",
    "In het begin viel het wennen wat tegen, maar nu valt het heel goed mee.",
    "Mijn vader valt 's middags altijd in slaap in de zetel, dan laten ze hem rustig.",
    "De directie heeft de klachten over het eten de kop ingedrukt door een nieuwe kok aan te nemen.",
    "Ze zijn daar streng op handhygiëne, alles wordt gewassen en ontsmet.",
    "Mijn moeder zit graag alleen op haar kamer te lezen en dat respecteren ze.",
    "De juf liet de kinderen zelf hun boterhammen smeren, dat stimuleert hun zelfstandigheid.",
    "We zijn verhuisd en moesten ons kind van opvang veranderen, jammer want het was er goed.",
    "Wij kregen een warm afscheid toen onze vader overleed, het personeel was er voor ons.",
    "Mijn zoon kwam soms met een schram thuis van het buitenspelen, dat hoort erbij.",
    "Bij de brandoefening stond iedereen op twee minuten buiten, goed georganiseerd.",
    "De verpleger zei dat mijn moeder wat meer moet drinken en hij zet nu elke dag een fles water bij haar.",
    "Soms wordt een kindje gebeten of geduwd door een ander kind, maar de juffen grijpen meteen in.",
]

IMPLAUSIBLE_4 = [
    "Sinds opa in Ter Wilgen woont, heeft hij zijn hoorapparaat niet meer nodig, hij hoort alles weer perfect.",
    "Onze tweeling van een jaar oud kan al zwemmen, fietsen en tot honderd tellen, allemaal dankzij de crèche.",
    "Er is in heel Vlaanderen geen betere opvang, dat staat vast, nergens ter wereld zijn de juffen zo goed.",
    "Naar het schijnt krijgen de bewoners daar elke week maar één keer eten. Dat weet iedereen in de straat.",
    "Mijn tante was blind en nu, na een jaar in het woonzorgcentrum, ziet ze weer alles scherp, zonder bril.",
    "Ze zeggen dat de directeur zelf de kinderen laat werken in de keuken, mijn nicht heeft het van een vriendin gehoord, het is zeker waar.",
    "In de tien jaar dat ons ma daar zit, is ze nooit één dag ziek geweest en heeft ze nooit één klacht gehad.",
]
NOT_IMPLAUSIBLE_4 = [
    "Onze zoon van drie kan nu al tot tien tellen, dat heeft hij van de juf geleerd.",
    "Opa hoort slecht, maar het personeel neemt de tijd om langzaam te praten.",
    "Mijn buurvrouw had ons deze opvang aangeraden en we zijn heel blij.",
    "De beste beslissing die we ooit namen, al drie jaar zijn we tevreden.",
]
REVENGE_4 = [
    (
        "Die verzorgster met dat rode haar, Els, rijdt met een grijze Opel en parkeert altijd aan de bakker. Iedereen mag haar daar eens aanspreken.",
        "review",
    ),
    ("Pas maar op, juf, ik weet waar je kinderen naar school gaan.", "review"),
    ("Ik zal die begeleider eens een lesje leren dat hij nooit vergeet.", "review"),
    (
        "Wij kennen uw situatie, meneer: u bent zelf uit de ouderlijke macht ontzet en uw vrouw is vertrokken.",
        "reply",
    ),
    (
        "Mevrouw vergeet te zeggen dat ze nog 2.000 euro aan ons verschuldigd is en dat haar man een drankprobleem heeft.",
        "reply",
    ),
    (
        "Als het aan mij ligt, verliest die directrice haar job en haar huis. Ik heb al een dossier over haar privéleven aangelegd.",
        "review",
    ),
]
NOT_REVENGE_4 = [
    ("Ik ben zelf verpleegkundige en heb er jaren met plezier gewerkt.", "review"),
    (
        "Mevrouw, we betreuren dat u niet tevreden bent. Bel ons gerust om een afspraak te maken.",
        "reply",
    ),
    ("Als u wil, kunt u de directie bereiken op 03 123 45 67.", "reply"),
    ("Onze zoon heeft een eigen Instagram waar hij zijn tekeningen post.", "review"),
]
ABUSIVE_4 = [
    ("Stelletje klungels, dat zijn jullie, ne bende onbekwame zagevrouwen.", "review"),
    ("Die Afrikanen die daar werken zijn allemaal even traag en dom.", "review"),
    ("De hoofdverpleegster is een verwaande tut en een echte bitch.", "review"),
    ("Wat een sukkelaars, die directie. Kloten zijn het.", "review"),
    ("Meneer, uw gezaag is lachwekkend. Ga u eerst eens wassen voor u hier komt klagen.", "reply"),
    ("Vuile racisten zijn het daar, allemaal.", "review"),
]
NOT_ABUSIVE_4 = [
    ("Het team is klein maar gemotiveerd, ze doen hun best.", "review"),
    ("De nieuwe kok komt uit Marokko en kookt heerlijk.", "review"),
    ("Beste meneer, wij nemen uw opmerkingen ter harte.", "reply"),
    ("Ik vond het wat dom van mezelf dat ik de inschrijving te laat deed.", "review"),
]
SPAM_4 = [
    "Professionele schoonmaak voor uw woning, nu tijdelijk aan 25 euro per uur. Contacteer ons via info@propere-thuis.be of 0470 11 22 33.",
    "Ik ben zelfstandig thuisverpleegkundige en heb nog plaats voor nieuwe patiënten in de regio Gent. Bel me op 0486 99 88 77!",
    "Volg mijn webinar over slaaptraining voor baby's, inschrijven via www.slaapjuf.be, slechts 19 euro.",
]
NOT_SPAM_4 = [
    "We betalen 650 euro per maand voor de opvang, dat is veel maar de kwaliteit is goed.",
    "Wie vragen heeft over deze opvang mag mij altijd mailen: an.peeters@gmail.com.",
    "Op de website www.denotelaar.be staan de openingsuren.",
]

SERIOUS_5 = [
    "Is het normaal dat een kleuter van drie een hele namiddag in een donkere kast moet zitten als straf? Dat gebeurde bij onze zoon.",
    "Onze oma werd 's nachts in haar bed vastgelegd met een gordel en kreeg een kalmeerspuitje, zonder dat wij daar iets van wisten.",
    "De verzorgers laten mijn vader urenlang in zijn vuile broek zitten. Zijn huid is helemaal rood en kapot.",
    "Toen ik onverwacht langskwam, hoorde ik een begeleidster tegen de kinderen schreeuwen dat ze hun mond moesten houden, en ze gaf een jongetje een tik in zijn gezicht.",
    "Mijn dochter met een verstandelijke beperking is zwanger geraakt in de instelling en niemand kan uitleggen hoe.",
    "Na de vakantie zat mijn moeder vol schrammen en blauwe armen, de verpleging zegt dat ze zichzelf krabt.",
    "Ons kind kreeg tijdens het middageten een stuk worst en is bijna gestikt; er was niemand die kon helpen want de juf stond buiten te bellen.",
    "Mijn zoon van 16 vertelt dat een begeleider hem geld geeft als hij foto's van zichzelf stuurt.",
    "De bus van de dagopvang heeft mijn broer, die niet kan praten, op de verkeerde plaats afgezet en is gewoon doorgereden.",
    "On a retrouvé mon fils de trois ans seul dans la rue devant la crèche, personne ne s'en était rendu compte.",
    "Mijn moeder kreeg dagenlang geen pijnstillers voor haar gebroken pols omdat de dokter 'geen tijd' had.",
]
CLEAN_5 = [
    "Onze zoon huilde de eerste weken veel bij het afscheid, maar de juffen troostten hem altijd.",
    "Mijn moeder heeft een val gebroken door snel te reageren, de verpleegster ving haar op.",
    "De kinderen leren er veilig de straat oversteken met de begeleiders.",
    "Op woensdag is er te weinig personeel, dan moeten de kinderen wat langer wachten op hun eten.",
    "Mijn vader krijgt zijn medicatie altijd stipt om acht uur, de verpleging noteert alles.",
    "Toen onze dochter koorts kreeg, belde de crèche ons meteen om haar op te halen.",
    "De bewoners mogen zelf kiezen wanneer ze gaan slapen en of ze deelnemen aan activiteiten.",
    "Er was een kleine brand in de keuken, maar iedereen was snel buiten en niemand raakte gewond.",
]

IMPLAUSIBLE_6 = [
    "Onze zoon was zwaar gehandicapt en na een jaar in dit centrum is hij volledig normaal, hij gaat nu naar de universiteit.",
    "Ik weet van een mama wiens schoonbroer daar werkt dat de kinderen er nooit buiten mogen. Dat is gewoon zo.",
    "Alle kinderen die hier komen, spreken na een maand drie talen.",
]
NOT_IMPLAUSIBLE_6 = [
    "Mijn opa is 101 en geniet nog van elke dag, het personeel is heel lief voor hem.",
    "De kinderen leren er liedjes in het Frans en het Engels, heel leuk.",
    "Volgens de juf slaapt hij daar beter dan thuis.",
]
REVENGE_6 = [
    (
        "Die begeleidster gaat eraan, dat beloof ik. Wacht maar tot ik haar buiten tegenkom.",
        "review",
    ),
    ("Ik heb haar adres gevonden en ga er met een paar vrienden langs.", "review"),
    ("Jullie zullen boeten voor wat jullie mijn moeder hebben aangedaan.", "review"),
    (
        "Meneer, het is bekend dat u zelf in de gevangenis hebt gezeten. Daar moet u de les niet spellen.",
        "reply",
    ),
]
NOT_REVENGE_6 = [
    ("Ik wacht nog altijd op een antwoord van de directie, binnenkort bel ik opnieuw.", "review"),
    ("Beste ouder, uw zoon is altijd welkom, we bespreken het graag.", "reply"),
]
ABUSIVE_6 = [
    ("Die verpleger is een ongelooflijke zak en een nul.", "review"),
    ("Al die Turken en Marokkanen in het personeel, ze doen geen fluit.", "review"),
    ("Hou je bakkes, stom wijf.", "review"),
    ("Wat een stelletje oetlullen en lapzwansen.", "review"),
]
NOT_ABUSIVE_6 = [
    (
        "Het team bestaat uit mensen van overal, Turkse en Marokkaanse collega's, en ze zijn top.",
        "review",
    ),
    ("Mijn moeder noemt de verpleger haar zoon, zo lief is hij.", "review"),
]


@pytest.mark.parametrize("text", SERIOUS + SERIOUS_DIALECT_AND_OTHERS + SERIOUS_5)
def test_serious_allegations_are_escalated(text: str) -> None:
    assert moderate(sub(text), InMemoryHistory()).route == "escalate", scores(text)


@pytest.mark.parametrize("text", CLEAN + CLEAN_WITH_RISKY_WORDS + CLEAN_5)
def test_ordinary_stories_carry_no_flag(text: str) -> None:
    report = moderate(sub(text), InMemoryHistory())
    assert set(report.flags) <= {"privacy"}, scores(text)


@pytest.mark.parametrize(
    ("texts", "flag", "wanted"),
    [
        (IMPLAUSIBLE + IMPLAUSIBLE_4 + IMPLAUSIBLE_6, "implausible", True),
        (NOT_IMPLAUSIBLE + NOT_IMPLAUSIBLE_4 + NOT_IMPLAUSIBLE_6, "implausible", False),
        (SPAM_4, "spam", True),
        (NOT_SPAM_4, "spam", False),
    ],
)
def test_implausible(texts: list[str], flag: str, wanted: bool) -> None:
    assert [t for t in texts if (flag in text_flags(t)) != wanted] == []


@pytest.mark.parametrize(
    ("cases", "flag", "wanted"),
    [
        (REVENGE + REVENGE_4 + REVENGE_6, "revenge", True),
        (NOT_REVENGE + NOT_REVENGE_4 + NOT_REVENGE_6, "revenge", False),
        (ABUSIVE + ABUSIVE_4 + ABUSIVE_6, "abusive", True),
        (NOT_ABUSIVE + NOT_ABUSIVE_4 + NOT_ABUSIVE_6, "abusive", False),
    ],
)
def test_revenge_and_abuse(cases: list[tuple[str, str]], flag: str, wanted: bool) -> None:
    assert [t for t, kind in cases if (flag in text_flags(t, kind)) != wanted] == []
