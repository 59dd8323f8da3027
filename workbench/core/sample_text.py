"""The built-in sample's qualitative texts, written from the seed report.

Kept apart from `sample.py` so that the numbers and how they are derived read on one page.
Segment ids here are the sample's member ids; company facts are filled in only where they
are certain (headquarters, listing), and left empty rather than guessed elsewhere.
"""

from __future__ import annotations

# -- companies ------------------------------------------------------------------------------
# id: (name, headquarters, founded, listing, type, description, strategy, segments)
COMPANIES: dict[str, tuple] = {
    "co-hicon": (
        "Hicon Network Technology", "", None, "", "Content producer",
        "Micro drama producer known for interactive storytelling.",
        "Interactive micro dramas whose viewers decide the storyline in real time.",
        ("short-video", "tiktok", "kwai", "asia-pacific"),
    ),
    "co-mango": (
        "Mango Excellent Media", "Changsha", None, "SZSE: 300413", "Media group",
        "Mobile-centric entertainment group with mini-program dramas inside popular apps.",
        "Mini-program dramas in WeChat and TikTok with real-time feedback and participation.",
        ("mini-program", "wechat", "tiktok", "asia-pacific"),
    ),
    "co-huace": (
        "Huace Film & TV", "Hangzhou", 2005, "SZSE: 300133", "Film and TV producer",
        "Film and TV drama producer that has diversified into high-quality micro dramas.",
        "Platform-specific micro dramas, including collaborations with TikTok, that fuse "
        "traditional storytelling with new technology.",
        ("short-video", "tiktok", "asia-pacific"),
    ),
    "co-linmon": (
        "Linmon Media", "Shanghai", None, "HKEX: 9857", "Film and TV producer",
        "Drama producer investing in advanced production technology for short-form content.",
        "AI-driven content creation tools for more polished, professionally executed micro "
        "dramas.",
        ("short-video", "mini-program", "asia-pacific"),
    ),
    "co-simei": (
        "SIMEI", "", None, "", "Content and commerce",
        "Micro drama maker specialised in commerce inside the story.",
        "Product placement and in-app purchases embedded in storylines, opening revenue for "
        "creators and brand owners.",
        ("mini-program", "others", "asia-pacific"),
    ),
    "co-dianzhong": (
        "DIANZHONG TECH", "Beijing", None, "", "Technology company",
        "Technology company developing interactive micro dramas.",
        "Immersive, interactive micro dramas using AR and VR technologies.",
        ("mini-program", "wechat", "asia-pacific"),
    ),
    "co-huayi": (
        "Huayi Brothers Media Corporation", "Beijing", 1994, "SZSE: 300027", "Film studio",
        "Film and entertainment studio with interactive mini-program dramas.",
        "Mini-program dramas with real-time social engagement; viewers vote on key story "
        "outcomes.",
        ("mini-program", "wechat", "asia-pacific"),
    ),
    "co-yowant": (
        "Yowant Technology", "", None, "", "Technology company",
        "Technology company making data-driven micro dramas.",
        "Big-data analytics of viewing habits to tailor micro dramas to viewers' tastes.",
        ("short-video", "kwai", "tiktok", "asia-pacific"),
    ),
}

# company id: (kind, the seed's "recent developments" paragraph)
DEVELOPMENTS: dict[str, tuple[str, str]] = {
    "co-hicon": ("technology", (
        "Hicon Network Technology has made significant improvements in producing engaging "
        "micro dramas that social media users can easily consume. The company has infused its "
        "products with cutting-edge interactive storytelling, allowing viewers to determine the "
        "storyline in real time. This development increases audience interaction and "
        "intensifies emotional involvement with the content, making it a leader in interactive "
        "micro dramas."
    )),
    "co-mango": ("product", (
        "Mango Excellent Media has focused on the seamless integration of short-form dramas "
        "within popular apps, particularly WeChat and TikTok. The company has introduced "
        "mini-program dramas that allow real-time user feedback and participation, increasing "
        "audience retention and engagement. This approach has positioned Mango Excellent Media "
        "as a prominent player in mobile-centric entertainment."
    )),
    "co-huace": ("product", (
        "Huace Film & TV has diversified into producing high-quality micro dramas with "
        "platform-specific content, including collaborations with TikTok. By fusing "
        "traditional storytelling with new technology, Huace has produced dramas that are both "
        "artistically engaging and perfectly suited for social media. This allows Huace to "
        "capture the growing market of short-form video fans."
    )),
    "co-linmon": ("technology", (
        "Linmon Media has been at the forefront of using advanced production technologies, "
        "such as AI-driven content creation tools, to enhance the storytelling capabilities of "
        "its micro dramas. This investment in cutting-edge production techniques has led to "
        "more polished and professionally executed short-form content, further elevating the "
        "quality of micro dramas in the market."
    )),
    "co-simei": ("product", (
        "SIMEI has leveraged its expertise in integrating e-commerce directly into micro "
        "dramas. Direct product placement and in-app purchases have been embedded within its "
        "storylines. This innovation has opened new revenue streams for both content creators "
        "and brand owners. The blend of commerce and entertainment presents novel "
        "opportunities for monetization in the micro drama market."
    )),
    "co-dianzhong": ("technology", (
        "DIANZHONG TECH focuses on developing interactive micro dramas, especially using AR and "
        "VR technologies. This allows the company to create immersive experiences where "
        "viewers can interact with the storyline in innovative ways. Their work represents the "
        "future of interactive media, offering audiences a next-level experience."
    )),
    "co-huayi": ("product", (
        "Huayi Brothers Media Corporation has invested in creating mini-program dramas that "
        "integrate real-time social media engagement. Users can vote on key story outcomes, "
        "influencing character development. The company's focus on interactive content has "
        "garnered a strong following, particularly among younger audiences who enjoy "
        "participating in the creative process."
    )),
    "co-yowant": ("technology", (
        "Yowant Technology has developed data-driven content using big data analytics to "
        "create micro dramas specifically tailored to viewers' tastes. By analyzing user "
        "behavior and viewing habits, the company creates personalized content that maximizes "
        "viewer engagement. This data-driven approach has positioned Yowant as a leading "
        "innovator in personalized entertainment."
    )),
}

# -- drivers and challenges -----------------------------------------------------------------
# (title, text, impact short, medium, long, segments)
DRIVERS: tuple[tuple, ...] = (
    ("Increase in social media sites",
     "TikTok, WeChat and Kwai give micro dramas immediate reach, with live feedback and "
     "sharing that encourage audience participation.",
     5, 4, 4, ("tiktok", "kwai", "wechat")),
    ("Growing demand for short-form, high-quality content",
     "Shorter attention spans and professional production values draw a much wider audience, "
     "from casual viewers to dedicated fans.",
     5, 5, 4, ("short-video", "mini-program")),
    ("Technological advancements in content creation",
     "AI-driven creation tools, AR/VR and real-time interactive features make micro dramas "
     "more immersive and personal.",
     3, 4, 5, ("mini-program",)),
    ("Inclusion of e-commerce",
     "Product placement and in-app purchases inside the story open new revenue for creators, "
     "platforms and advertisers.",
     3, 4, 4, ("mini-program", "others")),
    ("Consumer preference for interactive content",
     "Viewers who influence the storyline stay longer and feel more connected to the content.",
     3, 4, 4, ("mini-program", "wechat")),
)

CHALLENGES: tuple[tuple, ...] = (
    ("Fragmentation of platforms",
     "Each platform is its own ecosystem, so distribution, advertising and scaling need "
     "platform-specific content.",
     4, 4, 3, ("tiktok", "kwai", "wechat", "others")),
    ("Monetization challenges",
     "The revenue model has yet to stabilise; consistent, scalable revenue is hard for most "
     "creators.",
     4, 4, 3, ("short-video", "mini-program")),
    ("Regulatory compliance and content moderation",
     "Censorship, data privacy and age-appropriate content rules may slow expansion and limit "
     "creative freedom.",
     4, 4, 4, ("mini-program", "asia-pacific")),
    ("Content saturation and competition",
     "The sheer volume of similar dramas makes it hard for new creators to stand out.",
     3, 4, 4, ("short-video",)),
    ("Viewer fatigue and overconsumption",
     "Repetitive content risks losing audiences who binge short-form video.",
     2, 3, 4, ("short-video", "mini-program")),
)

# -- trends ---------------------------------------------------------------------------------
# (title, text, segments)
TRENDS: tuple[tuple, ...] = (
    ("Transition from short videos to mini program dramas",
     "Mini-program dramas inside apps like WeChat replace traditional short video content, "
     "with user participation, live feedback and personalised storylines.",
     ("mini-program", "short-video", "wechat")),
    ("Platform-specific dramas and ecosystem integration",
     "Dramas made for TikTok, Kwai and WeChat use in-app purchases, social sharing and "
     "user-generated content, which improves retention and monetisation.",
     ("tiktok", "kwai", "wechat")),
    ("Interactive and user-driven content",
     "Audiences choose the plot or the outcome, enabled by algorithms and interactive app "
     "features.",
     ("mini-program",)),
    ("High production value short-form storytelling",
     "Micro dramas are produced with the values of regular dramas, which widens their appeal "
     "in local and international markets.",
     ("short-video", "mini-program", "north-america", "europe")),
    ("Integration of e-commerce in micro dramas",
     "Product placement, live sales and plot-linked in-app purchases earn revenue directly "
     "from the content.",
     ("mini-program", "others")),
)

# -- five forces ----------------------------------------------------------------------------
# force id: (rating 1–5, rationale)
FORCES: dict[str, tuple[int, str]] = {
    "rivalry": (5,
        "Intense: short video dramas have a low entry barrier and the sheer volume of similar "
        "content makes standing out hard; TikTok, WeChat and Kwai compete on differentiated "
        "content experiences."),
    "new_entrants": (4,
        "High for short video dramas, which are easy to create and spread virally; moderated "
        "for mini-program dramas, which need higher production values and platform "
        "integration."),
    "substitutes": (3,
        "Long-form series, films and other short-form video compete for the same screen time, "
        "and viewer fatigue pushes audiences elsewhere, while micro dramas in turn challenge "
        "traditional television."),
    "buyer_power": (3,
        "Viewers switch freely between many similar dramas and platforms, yet the loyal "
        "audiences of integrated mini-program ecosystems keep paying for episodes."),
    "supplier_power": (4,
        "Platforms control distribution and traffic: each ecosystem sets its own rules, and "
        "buying traffic takes most of a mini-program drama's spend (DataEye: commonly "
        "80–90 %)."),
}

# -- technology assessment ------------------------------------------------------------------
ASSESSMENT_CRITERIA: tuple[tuple[str, str], ...] = (
    ("readiness", "Technology readiness"),
    ("competition", "Competitive intensity"),
    ("regulation", "Regulatory burden"),
    ("disruption", "Disruption potential"),
)

# (criterion id, member id): (score 1–5, note)
ASSESSMENT_CELLS: dict[tuple[str, str], tuple[int, str]] = {
    ("readiness", "short-video"): (4,
        "Easy to produce and widely used on TikTok and Kwai, but consistent quality at scale "
        "is a challenge."),
    ("readiness", "mini-program"): (5,
        "Higher technological maturity from immersive, interactive elements, live feedback "
        "and in-app purchases."),
    ("competition", "short-video"): (5,
        "Low entry barrier and viral dynamics foster intense competition among creators."),
    ("competition", "mini-program"): (4,
        "Higher production values are needed, but platform integration brings a more loyal "
        "audience."),
    ("regulation", "short-video"): (3,
        "Moderating fast, viral content is hard; data privacy, censorship and age rules apply."),
    ("regulation", "mini-program"): (4,
        "A more stringent landscape for content moderation and data privacy on highly "
        "monitored platforms such as WeChat."),
    ("disruption", "short-video"): (4,
        "Highly shareable bite-sized content drives massive engagement and challenges "
        "television."),
    ("disruption", "mini-program"): (5,
        "Immersive, interactive and platform-specific formats reshape entertainment towards "
        "personal, mobile-first experiences."),
}

# -- key questions --------------------------------------------------------------------------
KEY_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("What are some of the most promising potential, high-growth opportunities in the global "
     "internet micro drama market by technology, application and region?",
     "Mini-program dramas with interactive and commerce features, WeChat and standalone apps "
     "among applications, and the overseas markets (North America, Europe, Rest of the World) "
     "where Chinese studios' apps grow from a small base."),
    ("Which technology segments will grow at a faster pace and why?",
     "Mini Program Short Drama: integrated ecosystems such as WeChat bring live feedback, "
     "in-app purchases and more loyal audiences, while Short Video Short Drama leads the "
     "volume of content created and faces low entry barriers. The live figures beside this "
     "answer "
     "follow the current assumptions: fastest {{fastest:technology}}, slowest "
     "{{slowest:technology}}; Mini Program's share of the market reaches "
     "{{share:mini-program:2031}} in 2031."),
    ("Which regions will grow at a faster pace and why?",
     "North America and the Rest of the World grow fastest from a small base as overseas "
     "micro-drama apps spread (the United States reached 819 m USD in 2024, per Media "
     "Partners Asia); Asia Pacific, dominated by China, stays the largest region but slows "
     "as China matures. The live figures beside this answer follow the current "
     "assumptions: fastest {{fastest:region}}, slowest {{slowest:region}}; by growth: "
     "{{ranking:region}}."),
    ("What are the key factors affecting the dynamics of the different technologies? What are "
     "the drivers and challenges?",
     "Social media reach, demand for short high-quality content, creation technology, "
     "e-commerce and interactivity drive the market; platform fragmentation, unstable "
     "monetization, regulation, saturation and viewer fatigue hold it back."),
    ("What are the business risks and threats to the market?",
     "Unstable revenue models, dependence on platforms that control traffic, stricter "
     "content moderation and data privacy rules, and audiences tiring of repetitive content."),
    ("What are the emerging trends in these technologies and the reasons behind them?",
     "The move to mini-program dramas, platform-specific dramas, interactive storytelling, "
     "high production values and e-commerce inside the story, all driven by the demand for "
     "deeper engagement and new revenue."),
    ("Which technologies have potential of disruption in this market?",
     "Both: short video dramas through shareable bite-sized content, mini-program dramas "
     "through immersive, interactive formats; together they challenge television and "
     "long-form content."),
    ("What are the new developments in the market? Which companies are leading them?",
     "Interactive storytelling (Hicon Network Technology, DIANZHONG TECH, Huayi Brothers), "
     "mini-program integration (Mango Excellent Media), AI-driven production (Linmon Media), "
     "commerce in the story (SIMEI) and data-driven personalisation (Yowant Technology)."),
    ("Who are the major players? What strategic initiatives are they implementing?",
     "The eight companies in the dossiers; they invest in interactive formats, platform "
     "partnerships such as Huace Film & TV's work with TikTok, production technology and "
     "e-commerce integration."),
    ("What are the strategic growth opportunities in this technology space?",
     "Interactive and personalised formats, commerce and advertising inside the story, and "
     "overseas expansion of micro-drama apps."),
    ("What M&A activities took place in the last five years?",
     "The seed report names none, and none are recorded in the dossiers yet."),
)
