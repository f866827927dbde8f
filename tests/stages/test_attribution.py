"""Speaker and deadline rules (GUIDE.md, "Speaker and deadline") as (sentence, expected) tables.

The sentences are made up, one or more per rule, with sentences a rule must leave alone beside them.
"""

import pytest

from pipeline.stages.attribution import attribute_sentence, find_deadline, find_speaker, verb_forms
from pipeline.records import Entity


def mentions(text: str, *names: str) -> list[Entity]:
    """Entities at the first occurrence of each name; ``Name:PERSON`` gives the label, else a simple guess."""
    out = []
    for name in names:
        name, _, label = name.partition(":")
        start = text.index(name)
        if not label:
            label = "ORG" if name.isupper() or any(w in name for w in ("Ministry", "Administration", "Union",
                                                                       "Council", "Institute", "Mobile",
                                                                       "Academy")) else "PERSON"
        out.append(Entity(start, start + len(name), name, label))
    return out


@pytest.mark.parametrize("text, names, acts, expected", [
    ("There is a pressing need to deepen reforms, Hao said.", ["Hao"], False, "Hao"),
    ("Liu Liehong, head of the National Data Administration, said that China has rolled out 30 measures.",
     ["Liu Liehong", "National Data Administration"], False, "Liu Liehong"),
    ("Yang Jie, chairman of China Mobile, the world's largest carrier by subscribers, said data matter.",
     ["Yang Jie", "China Mobile"], False, "Yang Jie"),
    ("Output reached 41 zettabytes, according to the National Data Administration.",
     ["National Data Administration"], False, "National Data Administration"),
    ("Output grew 25 percent, according to a report released by the NDA on Friday.", ["NDA"], False, "NDA"),
    ("Statistics from the National Data Institute show that data firms surpassed 400,000.",
     ["National Data Institute"], False, "National Data Institute"),
    ("Chandrasekhar on Thursday forecast that the economy will grow.", ["Chandrasekhar"], False, "Chandrasekhar"),
    ("\u201cThe program will help,\u201d said U.S. Secretary of Commerce Gina Raimondo.", ["Gina Raimondo"], False,
     "Gina Raimondo"),
    ("Looking ahead, the NDA plans to build data hubs.", ["NDA"], True, "NDA"),
    ("In a key ruling, the African Union (AU) has designated five digital corridors.",
     ["African Union", "AU"], True, "African Union"),
    ("Xinhua reported that the economy grew, citing the NDA.", ["Xinhua", "NDA"], False, "NDA"),
    ("He Wei (x), vice-head of the China Academy (CAICT) said at a meeting that output grew.",
     ["He Wei", "China Academy"], False, "He Wei"),
    # nobody named: pronouns, unnamed officials, documents
    ("He noted that capacity reached 780,000 PFlops.", [], False, None),
    ("China will intensify efforts, said officials and experts.", [], True, None),
    # a mention that is not the one speaking
    ("Since the establishment of the NDA, China has signed 26 MoUs.", ["NDA"], False, None),
    ("The plan, issued by the NDA and the Ministry of Finance, aims to make progress by 2027.",
     ["NDA", "Ministry of Finance"], False, None),
    ("The offices of the Central Committee and the State Council have unveiled guidelines.",
     ["State Council"], True, None),
    ("The existing Shanghai Data Exchange will be transformed into a national exchange.",
     ["Shanghai Data Exchange"], True, None),
])
def test_find_speaker(text, names, acts, expected):
    speaker = find_speaker(text, mentions(text, *names), acts=acts)
    assert (speaker.text if speaker else None) == expected


def speaker_of(text, names, acts=False):
    speaker = find_speaker(text, mentions(text, *names), acts=acts)
    return speaker.text if speaker else None


def test_reporting_verbs_come_from_their_lemmas_in_every_tense():
    assert set(verb_forms("say")) == {"say", "says", "said"}
    assert set(verb_forms("note")) == {"note", "notes", "noted"}
    assert set(verb_forms("stress")) == {"stress", "stresses", "stressed"}
    assert set(verb_forms("point out")) == {"point out", "points out", "pointed out"}


@pytest.mark.parametrize("text, names, expected", [
    # rule 1: a reporting verb outside the old list, in any tense and on either side
    ("Revenue rose 12 percent last year, Gartner reported.", ["Gartner:ORG"], "Gartner"),
    ("Maria Lopez says the market will double by 2030.", ["Maria Lopez"], "Maria Lopez"),
    ("The market will double by 2030, says Maria Lopez, an analyst at Fitch.", ["Maria Lopez", "Fitch:ORG"],
     "Maria Lopez"),
    ("The sector employs 2 million people, Okafor explained.", ["Okafor"], "Okafor"),
    ("Moody's expects growth of 3 percent next year.", ["Moody's:ORG"], "Moody's"),
    ("Samsung Electronics said on Tuesday it expects profit to fall.", ["Samsung Electronics:ORG"],
     "Samsung Electronics"),
    ("Tencent reported revenue of 160 billion yuan in the quarter.", ["Tencent:ORG"], "Tencent"),
    # past a description with a relative clause of its own
    ("Jon Doe, one of the lawmakers who steered the bill through parliament, said the law would protect citizens.",
     ["Jon Doe"], "Jon Doe"),
    ("The cost was estimated by the World Bank at $5 billion.", ["World Bank:ORG"], "World Bank"),
    # rule 1: named sources
    ("Growth slowed to 3 percent, as per the Reserve Bank.", ["Reserve Bank:ORG"], "Reserve Bank"),
    ("Data from the Census Bureau shows that sales rose 4 percent.", ["Census Bureau:ORG"], "Census Bureau"),
    ("Figures by Statistics Canada showed exports fell.", ["Statistics Canada:ORG"], "Statistics Canada"),
    ("A survey by Deloitte found that 60 percent of firms use AI.", ["Deloitte:ORG"], "Deloitte"),
    ("The IMF's latest report showed global growth at 3.2 percent.", ["IMF"], "IMF"),
    ("The regulator's lawsuit alleges that Acme overcharged 2 million customers.", ["Acme:ORG"], None),
    ("The SEC's complaint alleges that Acme overstated revenue by $40 million.", ["SEC:ORG", "Acme:ORG"], "SEC"),
    ("In a statement, Vodafone said it had 300 million customers.", ["Vodafone:ORG"], "Vodafone"),
    ("In a report released on Monday by the OECD, growth is forecast to slow.", ["OECD"], "OECD"),
    ("Exports rose 8 percent, according to a white paper issued by the Ministry of Commerce.",
     ["Ministry of Commerce"], "Ministry of Commerce"),
    ("Output rose 5 percent, according to the Kenyan Ministry of Energy.", ["Ministry of Energy"],
     "Ministry of Energy"),
    ("Shares of Nvidia rose 3 percent, data from LSEG showed.", ["Nvidia:ORG", "LSEG"], "LSEG"),
    ("Sales hit $5 billion, Reuters reported, citing sources at Samsung.", ["Reuters:ORG", "Samsung:ORG"], "Samsung"),
    # rule 1 leaves alone: a verb's object, a recipient, a verb that is a noun, a count that is added
    ("Data showed Huawei's revenue rose 9 percent.", ["Huawei:ORG"], None),
    ("Exports rose 5 percent, he told Xinhua.", ["Xinhua:ORG"], None),
    ("Li Wei told Xinhua that exports rose 5 percent.", ["Li Wei", "Xinhua:ORG"], "Li Wei"),
    ("China Mobile added 20 million 5G subscribers in the quarter.", ["China Mobile"], None),
    ("Officials said the Activities Association decided to bar him.", ["Activities Association:ORG"], None),
    ("An embassy spokesman said Benchaou, the son of a colonel, had been due to graduate.", ["Benchaou"], None),
    ("He said the WTO's structure made it difficult to act.", ["WTO"], None),
    ("Alibaba's revenue rose 5 percent in the quarter.", ["Alibaba:ORG"], None),
    ("The ILO wants a clause included in the final statement issued by WTO leaders.", ["ILO", "WTO"], None),
    # rule 2: an unnamed official, spokesperson or expert of a named body
    ("The fund holds $2 billion, according to an official with the Central Bank of Nigeria.",
     ["Central Bank of Nigeria:ORG"], "Central Bank of Nigeria"),
    ("An official with the Kenya Revenue Authority said collections rose 9 percent.",
     ["Kenya Revenue Authority:ORG"], "Kenya Revenue Authority"),
    ("Collections rose 9 percent, Kenya Revenue Authority officials said.", ["Kenya Revenue Authority:ORG"],
     "Kenya Revenue Authority"),
    ("A spokesperson for Telkom said the network covers 90 percent of homes.", ["Telkom:ORG"], "Telkom"),
    ("The network covers 90 percent of homes, said a spokesperson for Telkom.", ["Telkom:ORG"], "Telkom"),
    ("Analysts at Goldman Sachs expect the yuan to weaken.", ["Goldman Sachs:ORG"], "Goldman Sachs"),
    ("The president of the World Bank said poverty fell.", ["World Bank:ORG"], "World Bank"),
    ("Experts say the market will grow.", [], None),
    # rule 1: a title between the verb and the name; a quoted source; a long apposition
    ("\u201cWe will act,\u201d said ministry spokesman Jon Doe.", ["Jon Doe"], "Jon Doe"),
    ("Exports will double, said the company's chief executive Jon Doe.", ["Jon Doe"], "Jon Doe"),
    ("Exports will rise, according to Union IT minister Jon Doe.", ["Jon Doe"], "Jon Doe"),
    ("The state news agency quoted Jon Doe as saying exports would rise.", ["Jon Doe"], "Jon Doe"),
    ("Jon Doe was quoted as saying that exports would rise.", ["Jon Doe"], "Jon Doe"),
    ("Acme, a chipmaker based in Ruritania which employs 5,000 people, said sales rose.", ["Acme:ORG"], "Acme"),
    ("Exports rose, said the plan benefits Acme.", ["Acme:ORG"], None),
    ("Output rose, said the white paper issued by the Acme Institute on Friday.", ["Acme Institute"], "Acme Institute"),
    ("In 2016, Zenco and Acme published a report predicting that sales would double.", ["Zenco:ORG", "Acme:ORG"],
     "Zenco"),
    ("Zenco has updated its report regularly, finding that sales rose.", ["Zenco:ORG"], "Zenco"),
    ("Users doubled, per a recent report by the Acme Institute.", ["Acme Institute"], "Acme Institute"),
    ("Output rose 30 per cent from Zenco plants.", ["Zenco:ORG"], None),
    ("Central Bank of Ruritania (CBR) numbers indicate that volumes rose.", ["Central Bank of Ruritania:ORG"],
     "Central Bank of Ruritania"),
    ("Zenco (ZC), one of the big four state-owned lenders, said on Monday it will invest.", ["Zenco:ORG"], "Zenco"),
    ("Demand was strong, Presidential Office spokesperson Jon Doe \uff08\u7d04\u7ff0\uff09 said yesterday.",
     ["Jon Doe"], "Jon Doe"),
    ("Users doubled, according the Acme Authority (AA) last week.", ["Acme Authority:ORG"], "Acme Authority"),
    # the one who said it, not the medium that reports the saying
    ("Sales rose 5 percent, Acme said, according to a Daily Planet report.", ["Acme:ORG", "Daily Planet:ORG"], "Acme"),
    ("Jon Doe, chief executive of Acme, confirmed on Thursday that demand doubled, reports Bloomberg.",
     ["Jon Doe", "Acme:ORG", "Bloomberg:ORG"], "Jon Doe"),
    # a long role in brackets, an apposition closed by a comma, ``it was X who``, ``recalls``, an of-phrase
    ("Jane Roe (Executive Vice-President for Clean, Just and Competitive Transition) stated that fines are due.",
     ["Jane Roe"], "Jane Roe"),
    ("The European Commissioner for Internal Market, Jon Doe, announced that the network could be fined.",
     ["Jon Doe"], "Jon Doe"),
    ("It was the European Commissioner for Internal Market, Jon Doe, who announced the probe.", ["Jon Doe"],
     "Jon Doe"),
    ("The probe was ordered, recalls El Diario, warning the owner.", ["El Diario:ORG"], "El Diario"),
    ("Judge Jane Roe of the federal district court says Acme broke the law.", ["Jane Roe", "Acme:ORG"], "Jane Roe"),
    ("Doe\u2019s order says that agencies must act.", ["Doe:PERSON"], "Doe"),
    ("Bureau of Labour Figures (BLF) publish workforce demography data every quarter.",
     ["Bureau of Labour Figures:ORG"], "Bureau of Labour Figures"),
    ("Acme this morning said that it had raised \u00a31.4bn.", ["Acme:ORG"], "Acme"),
    ("Ruritania's Federal Network Agency (FNA, known locally as the Bundesnetzagentur) has announced the end of the "
     "auction.", ["Federal Network Agency:ORG"], "Federal Network Agency"),
    ("Analysts quoted Acme figures as showing growth.", ["Acme:ORG"], None),
    # rules 4 and 5: the person before the office, the named voice of a body, the nearest of equals
    ("Li Wei, minister of commerce of the State Council, said exports rose.", ["Li Wei", "State Council"], "Li Wei"),
    ("Minister Li Wei said exports rose.", ["Li Wei"], "Li Wei"),
    ("A spokesperson for Telkom, Jane Doe, said the network covers 90 percent of homes.",
     ["Telkom:ORG", "Jane Doe"], "Jane Doe"),
    ("The NDA's head, Liu Liehong, said the market grew.", ["NDA", "Liu Liehong"], "Liu Liehong"),
    ("Foreign Ministry spokesperson Mao Ning said trade rose.", ["Foreign Ministry", "Mao Ning"], "Mao Ning"),
    ("Li Shulei, a member of the Political Bureau and head of the Publicity Department of the CPC, said output grew.",
     ["Li Shulei", "Political Bureau:ORG", "Publicity Department of the CPC:ORG"], "Li Shulei"),
    # rule 6: unnamed sources that tell a medium leave the medium as the one named
    ("Acme's first plant will be built in Norland, sources told Daily Wire News.", ["Acme:ORG", "Daily Wire News:ORG"],
     "Daily Wire News"),
    ("Acme will cut 500 jobs, people familiar with the matter told Daily Wire News.", ["Daily Wire News:ORG"],
     "Daily Wire News"),
    ("Acme told Daily Wire News that sales rose 5 percent.", ["Acme:ORG", "Daily Wire News:ORG"], "Acme"),
    # rule 1: a source's document, past an aside
    ("The Acme Commission's complaint, first filed in 2021 and refiled after a dismissal, alleges Zenco broke the law.",
     ["Acme Commission:ORG", "Zenco:ORG"], "Acme Commission"),
    ("New data from the Acme Institute (AI), the research arm of the Zenco Group, also reveal that sales rose.",
     ["Acme Institute:ORG", "Zenco Group:ORG"], "Acme Institute"),
    # rule 0: a source named by its role in the body the sentence is about (``according to its president X``)
    ("Acme needs 5 trillion yen for mass production, according to its president Jon Doe.", ["Acme:ORG", "Jon Doe"],
     "Jon Doe"),
    # rule 1: a present form that is also a noun, ending the sentence after a comma, reports
    ("The pact could double the region's digital economy by 2030, the Acme Secretariat estimates.",
     ["Acme Secretariat:ORG"], "Acme Secretariat"),
    ("Cloud spending will grow 20 percent a year, research firm Zenco forecasts.", ["Zenco:ORG"], "Zenco"),
    ("Zenco sold 5 million phones, the Acme report.", ["Zenco:ORG", "Acme:ORG"], None),
])
def test_reported_speakers(text, names, expected):
    assert speaker_of(text, names) == expected


@pytest.mark.parametrize("text, names, acts, expected", [
    # rule 3: the subject who plans or acts, in target and policy sentences only
    ("The NDA plans to build 20 data hubs by 2027.", ["NDA"], True, "NDA"),
    ("Microsoft will invest $3 billion in Japan over two years.", ["Microsoft:ORG"], True, "Microsoft"),
    ("Microsoft will invest $3 billion in Japan.", ["Microsoft:ORG"], False, None),
    ("The Ministry of Finance issued guidelines on data assets.", ["Ministry of Finance"], True, "Ministry of Finance"),
    ("The Ministry of Finance issued guidelines on data assets.", ["Ministry of Finance"], False, None),
    ("Under the plan, the European Commission will fund 5 projects.", ["European Commission:ORG"], True,
     "European Commission"),
    ("U.S. President Joe Biden signed the act into law in 2022.", ["Joe Biden"], True, "Joe Biden"),
    ("The NDRC and the Ministry of Finance jointly issued a plan to build hubs.", ["NDRC", "Ministry of Finance"],
     True, "NDRC"),
    ("Saudi Aramco plans to raise output to 13 million barrels a day.", ["Saudi Aramco:ORG"], True, "Saudi Aramco"),
    # rule 3: the passive agent of the action that makes a policy or target is its actor
    ("The plan, issued by the NDA and the Ministry of Finance, aims to make progress by 2027.",
     ["NDA", "Ministry of Finance"], True, "NDA"),
    ("The plan was approved by the NDRC and three departments.", ["NDRC"], True, "NDRC"),
    ("The Online Safety Bill, proposed by Prime Minister Jane Roe, would fine platforms.", ["Jane Roe"], True,
     "Jane Roe"),
    ("The strategy was formally adopted by the Cabinet of Ruritania in May.", ["Cabinet of Ruritania:ORG"], True,
     "Cabinet of Ruritania"),
    ("The strategy was adopted by the Cabinet of Ruritania in May.", ["Cabinet of Ruritania:ORG"], False, None),
    ("Zenco will build the plant approved by the Energy Board.", ["Zenco:ORG", "Energy Board:ORG"], True, "Zenco"),
    # ... but not of an action that makes no policy
    ("The fund, led by the Ministry of Finance, will invest $40 billion.", ["Ministry of Finance"], True, None),
    ("The grid managed by Gridco will power the new data centres.", ["Gridco:ORG"], True, None),
    # rule 5: of coordinated subjects, the first
    ("Zenco and Acme will publish a joint report on the digital economy.", ["Zenco:ORG", "Acme:ORG"], True, "Zenco"),
    ("Zenco, Acme and the Ruritanian Bank plan to invest $2 billion.", ["Zenco:ORG", "Acme:ORG",
                                                                       "Ruritanian Bank:ORG"], True, "Zenco"),
    ("Zenco and Acme announced plans to cut fees.", ["Zenco:ORG", "Acme:ORG"], True, "Zenco"),
    ("In an interview with Reuters, Zenco and Acme announced plans to cut fees.",
     ["Reuters:ORG", "Zenco:ORG", "Acme:ORG"], True, "Zenco"),
    # rule 3: the subject who acts behind a date or an adverb
    ("Zenco on Thursday tabled a bill to tax data centres.", ["Zenco:ORG"], True, "Zenco"),
    ("Zenco is reportedly planning to raise $3 billion.", ["Zenco:ORG"], True, "Zenco"),
    ("Zenco in March 2024 launched a $1 billion fund.", ["Zenco:ORG"], True, "Zenco"),
    ("Zenco is investing $20 billion in two fabs.", ["Zenco:ORG"], True, "Zenco"),
    ("Union minister Jon Doe on Thursday tabled the bill.", ["Jon Doe"], True, "Jon Doe"),
    ("Chipmaking rival Zenco has also unveiled plans to build two fabs.", ["Zenco:ORG"], True, "Zenco"),
    ("BEIJING, Jan. 12 (Xinhua) -- Ruritania's State Council on Wednesday rolled out a plan.",
     ["Xinhua:ORG", "State Council"], True, "State Council"),
    ("Ruritanian telecommunications company, Zenco, is reportedly planning to launch 5G-A.", ["Zenco:ORG"], True,
     "Zenco"),
    ("Zenco, the largest carrier, has plans to cover 50 cities.", ["Zenco:ORG"], True, "Zenco"),
    ("Earlier this month, Union Minister of State for IT, Jon Doe, had announced that Acme will build a plant.",
     ["Jon Doe", "Acme:ORG"], True, "Jon Doe"),
    ("Zenco and several other authorities jointly released the interim measures.", ["Zenco:ORG"], True, "Zenco"),
    ("Zenco's PayNow intends to let foreign users link their cards.", ["Zenco:ORG"], True, "Zenco"),
    ("Acme economic officials concluded negotiations on the agreement.", ["Acme:ORG"], True, "Acme"),
    ("Economic officials of the Acme Union have concluded negotiations on the agreement.", ["Acme Union"], True,
     "Acme Union"),
    ("The scheme, unveiled on Monday by Economy Minister Jon Doe, will relax rules.", ["Jon Doe"], True, "Jon Doe"),
    # ... and leaves alone a list, an object, an example, a participle's agent
    ("The permits were granted to state-run carriers Zenco, Acme, Bolt and broadcaster Cabco.",
     ["Zenco:ORG", "Acme:ORG", "Bolt:ORG", "Cabco:ORG"], True, None),
    ("The move follows competition among Zenco, Acme, and Bolt, highlighted by Bolt's subsidy plan.",
     ["Zenco:ORG", "Acme:ORG", "Bolt:ORG", "Bolt's:ORG"], True, None),
    ("The plan includes agreements between the AU member states on data.", ["AU"], True, None),
    ("Big players like Zenco and smaller suppliers will build plants there.", ["Zenco:ORG"], True, None),
    ("The fab, to be operated by Zenco's joint venture, Acme Semiconductor (AS), will start construction.",
     ["Zenco:ORG", "Acme Semiconductor:ORG"], True, None),
    ("The issue is raised with the Acme Administration and the State Council.", ["Acme Administration",
                                                                                 "State Council"], True, None),
    ("Acme Platforms has been fined \u20ac1.2bn by the Irish Data Protection Commission (DPC).",
     ["Acme Platforms:ORG", "Data Protection Commission:ORG"], True, "Data Protection Commission"),
    ("The Doe administration stepped up efforts to block exports.", ["Doe:PERSON"], True, "Doe"),
    ("The lawsuit was filed by the Justice Department and several states in 2020.", ["Justice Department:ORG"], True,
     "Justice Department"),
    ("The FTC in June separately sued Acme for tricking customers.", ["FTC", "Acme:ORG"], True, "FTC"),
    # ... past a name inside a relative clause on the subject, but not past a list
    ("Judge Jon Doe, who heard 38 witnesses including Acme's Jane Roe, will issue his opinion in May.",
     ["Jon Doe", "Acme:ORG", "Jane Roe"], True, "Jon Doe"),
    ("The President, Vice President Jane Roe, and other officials will explain the plan.", ["Jane Roe"], True,
     None),
    ("Earlier in January, the NTIA (still under President Jon Doe's administration) issued final guidance.",
     ["NTIA", "Jon Doe"], True, "NTIA"),
    ("Ruritania's state electricity grid authority Gridco has called a halt to plans.", ["Gridco:ORG"], True,
     "Gridco"),
    ("Coalition senators Jon Doe and Jane Roe crossed the floor to vote against the bill.",
     ["Coalition:ORG", "Jon Doe", "Jane Roe"], True, "Jon Doe"),
    # ... and leaves alone an obligation, a condition, a subordinate clause, an object, a passive
    ("Acme will no longer be allowed to export machines to Ruritania.", ["Acme:ORG"], True, None),
    ("Acme will also have to apply for a permit.", ["Acme:ORG"], True, None),
    ("It was not clear if Jon Doe planned to replace the order.", ["Jon Doe"], True, None),
    ("The funding deal with Ruritania-based Acme will support two fabs.", ["Acme:ORG"], True, None),
    ("The controls came after the Doe administration introduced restrictions.", ["Doe:PERSON"], True, None),
    ("The trial against Acme Platforms has concluded.", ["Acme Platforms:ORG"], True, None),
    ("Judge Jon Doe is tasked with determining the case.", ["Jon Doe"], True, None),
    ("Targets set out by the Commission lag, according to minutes seen by Euronews.",
     ["Commission:ORG", "Euronews:ORG"], True, None),
    # rule 2 past a description of the one who plans, whoever the description names
    ("Zenco, the AI company launched by the Acme Fund, plans to build data centres by 2030.",
     ["Zenco:ORG", "Acme Fund:ORG"], True, "Zenco"),
    ("Zenco, a unit of the Acme Fund, plans to build data centres by 2030.", ["Zenco:ORG", "Acme Fund:ORG"], True,
     "Zenco"),
    # but a list's next name is no description: ``The plan, issued by A, B and C, aims``
    ("The plan, jointly issued by the Acme Commission, the Data Council and the Ministry of Finance, aims to "
     "make progress by 2027.", ["Acme Commission:ORG", "Data Council:ORG", "Ministry of Finance:ORG"], True,
     "Acme Commission"),
    # rule 3 leaves alone: a subject that does not act, a noun before a noun, a passive agent
    ("Intel received $8 billion in grants under the act.", ["Intel:ORG"], True, None),
    ("Alibaba Cloud services are used by 5 million firms.", ["Alibaba Cloud:ORG"], True, None),
    ("The Huawei project will create 500 jobs.", ["Huawei:ORG"], True, None),
    ("A Reuter consensus survey sees unchanged earnings.", ["Reuter:ORG"], True, None),
])
def test_acting_speakers(text, names, acts, expected):
    assert speaker_of(text, names, acts) == expected


def test_a_source_outranks_the_one_who_plans():
    text = "The NDA plans to build 20 hubs, according to the State Council."
    assert speaker_of(text, ["NDA", "State Council"], acts=True) == "State Council"


def test_speaker_offsets_are_document_offsets():
    text = "Hao said China will act."
    offset = 100
    ents = [Entity(offset, offset + 3, "Hao", "PERSON")]
    speaker, deadline = attribute_sentence(text, ents, offset, ["target"])
    assert speaker == ents[0] and deadline is None


@pytest.mark.parametrize("text, year", [
    ("By 2027, China aims to achieve substantial progress.", 2027),
    ("The plan aims to make progress by the end of 2027.", 2027),
    ("China will make progress toward 5G services in 2022, the ministry noted.", 2022),
    ("It will boost investment by more than 25 percent for the period 2023-2027.", 2027),
    ("China has established 2027 and 2035 as crucial milestones.", 2027),
    ("The State Council on August 26, 2025 released a guideline, vowing to integrate AI by 2027.", 2027),
    ("China aims to grow 30 percent by 2025, according to a plan released in October 2023.", 2025),
    ("Shanghai plans to expand trading, according to its 2023-2025 master plan.", 2025),
    ("This year, over 10 systems will be introduced.", None),
    ("The ministry aims to double exports by FY2026.", 2026),
    ("The bank targets a 5 percent margin in fiscal 2026.", 2026),
    ("The company expects to break even in FY26.", 2026),
    ("The country aims to build a $1 trillion digital economy by 2030-31.", 2031),  # a fiscal year's two years
    ("The rules, approved in 2023, will apply from August 2026.", 2026),  # a month that looks ahead
    ("The state plans 40 GW of solar by the end of 2025 and 60 GW by 2030.", 2025),
    ("Capacity will reach 10 GW by mid-2026.", 2026),
    ("The board will meet its 2030 goals early.", 2030),
    ("The fiscal 30 billion rand package will be spent over five years.", None),
    ("In the next five years, the city will build 500 schools.", None),
    # years without ``by``; a plan named for its horizon (GUIDE.md)
    ("The plant will start production in late 2026.", 2026),
    ("The country wants universal coverage by the year 2030.", 2030),
    ("The fund supports the kingdom's Vision 2030 goals of diversification.", 2030),
    ("The National AI Strategy 2031 aims to make the country a leader in AI.", 2031),
    ("Most states are behind their 2030 connectivity targets.", 2030),
    # a year of what has happened, or a span's start, is no deadline
    ("Zenco, which acquired Acme in 2012, will invest $1 billion in the plant.", None),
    ("Zenco, which acquired Acme in 2012, will invest $1 billion in 2027.", 2027),
    ("The line, opened in 2019, will carry 5 million passengers in 2026.", 2026),
    ("The plant is expected to be completed in 2026.", 2026),
    ("The plan for 2024-2028 sets out 12 goals.", 2028),
    ("With a groundbreaking target of 2026, the first plant is expected to start operations in 2030.", 2026),
    ("The spectrum will be released towards our goal of end of March 2022.", 2022),
    ("The rules will enter into effect in two months, on 1 November 2025.", 2025),
    ("The rules, announced on 15 September 2025, take effect next year.", None),
    ("30 percent of the services offered in Africa in 2030 shall be provided by African firms.", 2030),
    ("The firm announced rules in December 2024 to strengthen export controls.", None),
    ("The latest data for 2017 will be published in November 2018.", 2018),
    ("The paper will look at the bloc's 2019-2024 legacy.", None),
    ("Ruritania's Strategy for Offshoring 2022-2026 aims to attract firms.", 2026),
    # ``by`` a year opening a sentence that says what had happened by then: a level, no deadline
    ("By the end of 2022, the province counted over 5 million server racks.", None),
    ("By 2025, the country had built 100 data centres.", None),
    ("By 2025, the country will have built 100 data centres.", 2025),
    # ``in`` a year opening the sentence dates the clause after it: what happened then, or what will
    ("In 2021, the planning body announced a project to scale up computing power.", None),
    ("In 2021, the ministry said it would build ten hubs.", None),
    ("In 2026, the plant will start production.", 2026),
    ("In 2021, the ministry announced a plan to build ten hubs by 2025.", 2025),
])
def test_find_deadline(text, year):
    assert find_deadline(text) == year


def test_deadline_only_for_targets():
    text = "Output is expected to reach 50 percent by 2025."
    assert attribute_sentence(text, [], 0, ["metric"]) == (None, None)
    assert attribute_sentence(text, [], 0, ["metric", "target"]) == (None, 2025)


def test_a_sentence_the_classifier_left_unlabelled_keeps_the_source_its_words_name(nlp):
    text = "Output grew 9 percent, according to the National Data Administration. The weather was fine."
    with nlp.select_pipes(disable=["claims_classifier"]):
        doc = nlp(text)
    attribution = doc._.attribution
    speaker, deadline = attribution[0]
    assert text[speaker.start:speaker.end] == "National Data Administration" and deadline is None
    assert text.index("The weather") not in attribution
