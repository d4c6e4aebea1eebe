"""Official and commonly cited figures for the shipped places, each with its source.

A place's ``facts`` are measured on the outline drawn here; these are what governments,
encyclopedias and the press state. Both are shown, so a reader sees how far the drawing is
from the figure everybody quotes, and whose figure each one is. Every excerpt is the
source's own words, copied exactly. :func:`geo._sources.sources.rebuild_places` writes them into
``cited_figures``.
"""

from __future__ import annotations

from typing import Any


def _figure(
    measure: str,
    value: float,
    of: str,
    stated_by: str,
    title: str | None,
    publisher: str,
    url: str,
    excerpt: str,
    published: str | None = None,
    approximate: bool = False,
) -> dict[str, Any]:
    source: dict[str, Any] = {"title": title} if title else {}
    source.update(publisher=publisher, url=url)
    if published is not None:
        source["published"] = published
    source["excerpt"] = excerpt
    figure: dict[str, Any] = {"measure": measure, "value": value}
    if approximate:
        figure["approximate"] = True
    return {
        **figure,
        "of": of,
        "stated_by": stated_by,
        "source": source,
    }


_REDIFF_2022: dict[str, Any] = {
    "title": "China continues to occupy 38,000 sq km of Indian territory: Govt",
    "publisher": "Rediff.com (PTI)",
    "url": "https://rediff.com/news/report/china-continues-to-occupy-38000-sq-km-of-indian-territory-govt/20220205.htm",
    "published": "2022-02-05",
}
_PAKISTAN_ECONOMIST_2004: dict[str, Any] = {
    "title": "A way to uplift the remote areas",
    "publisher": "Pakistan & Gulf Economist",
    "url": "http://www.pakistaneconomist.com/issue2004/issue51/i&e5.php",
    "published": "2004-12-20",
}
_DAWN_CPEC: dict[str, Any] = {
    "title": None,
    "publisher": "Dawn (Dawn.com, quoting Radio Pakistan)",
    "url": "https://www.dawn.com/news/1227822",
}

CITED_FIGURES: dict[str, tuple[dict[str, Any], ...]] = {
    "aksai-chin": (
        _figure(
            "area_km2",
            38_000,
            "the territory in Ladakh that India says China occupies (chiefly Aksai Chin)",
            "the Government of India (written reply in the Lok Sabha, 2022)",
            **_REDIFF_2022,
            approximate=True,
            excerpt=(
                "China continues to be in illegal occupation of approximately 38,000 sq. kms. "
                "of Indian territory in the Union Territory of Ladakh for the last six decades"
            ),
        ),
        _figure(
            "area_km2",
            38_000,
            "the territory China held in Aksai Chin after the 1962 war",
            "Encyclopaedia Britannica",
            "Encyclopaedia Britannica (revision text)",
            "Encyclopaedia Britannica",
            "http://media-2.web.britannica.com/eb-diffs/769/11769-34080-599049.html",
            "It concluded with China seizing about 38,000 sq km of Indian territory in Aksai Chin",
            approximate=True,
        ),
    ),
    "shaksgam-valley": (
        _figure(
            "area_km2",
            5_180,
            "the territory in the Shaksgam Valley that India says Pakistan ceded to China "
            "under the 1963 agreement",
            "the Government of India (written reply in the Lok Sabha, 2022)",
            **_REDIFF_2022,
            excerpt=(
                "Pakistan illegally ceded 5,180 sq km of Indian territory in Shaksgam Valley "
                "from areas illegally occupied by Pakistan in Union Territory of Ladakh to China"
            ),
        ),
    ),
    "azad-jammu-and-kashmir": (
        _figure(
            "area_km2",
            13_297,
            "Azad Jammu and Kashmir",
            "the Government of Azad Jammu and Kashmir (Prime Minister Secretariat)",
            "AJK at Glance",
            "Prime Minister Secretariat, Government of AJK",
            "https://pmajk.gov.pk/ajk-at-a-glance",
            "Area 13,297 Sq.Km",
        ),
    ),
    "gilgit-baltistan": (
        _figure(
            "area_km2",
            72_971,
            "Gilgit-Baltistan",
            "Wikipedia, as reproduced by Discover Pakistan (the figure commonly cited; no "
            "Gilgit-Baltistan or Pakistani government page stating it was found)",
            "Gilgit-Baltistan",
            "Discover Pakistan",
            "https://www.discover-pakistan.com/gilgit-baltistan.html",
            "It covers an area of 72,971 km² (28,174 sq mi) and is highly mountainous.",
        ),
    ),
    "pakistan-administered-kashmir": (
        _figure(
            "area_km2",
            78_000,
            "the territory of the former state of Jammu and Kashmir that India says Pakistan "
            "occupies",
            "the Government of India (External Affairs Minister Sushma Swaraj, Lok Sabha, "
            "2018, as reported by NDTV and PTI)",
            "Pakistan Occupying Indian Territory In Kashmir: Sushma Swaraj (a repost of the "
            "NDTV report)",
            "defence.pk forum",
            "https://defence.pk./threads/pakistan-occupying-indian-territory-in-kashmir-sushma-swaraj.591890/page-2",
            "Pakistan has been in illegal occupation of approximately 78,000 sq km of Indian "
            "territory in the state of Jammu and Kashmir, Ms Swaraj said.",
            published="2018-12-12",
            approximate=True,
        ),
    ),
    "balochistan": (
        _figure(
            "area_km2",
            347_190,
            "Balochistan province",
            "the blog 'Do we know our motherland', in a table of Pakistan's provinces (no "
            "government page stating it was found)",
            "NATIONAL MAP OF PAKISTAN",
            "doweknowourmotherland.blogspot.com",
            "https://doweknowourmotherland.blogspot.com/2011/01/national-map-of-pakistan.html",
            "Balochistan 347,190 Sq. km.",
            published="2011-01-28",
        ),
    ),
    "xinjiang": (
        _figure(
            "area_km2",
            1_660_000,
            "the Xinjiang Uygur Autonomous Region as China administers it",
            "China Internet Information Center (China.org.cn, state-run)",
            "About Xinjiang",
            "China.org.cn",
            "http://china.org.cn/travel/xinjiang/2009-05/16/content_17785587.htm",
            "the Xinjiang Uygur Autonomous Region covers an area of 1.66 million sq.km, one "
            "sixth of Chinese territory",
            published="2009-05-18",
        ),
    ),
    "arabian-sea": (
        _figure(
            "area_km2",
            3_862_000,
            "the Arabian Sea",
            "Encyclopaedia Britannica (as reproduced by Universalium)",
            "Arabian Sea",
            "Universalium (en-academic.com)",
            "https://universalium.en-academic.com/75050/Arabian_Sea",
            "northwestern part of the Indian Ocean, covering a total area of about 1,491,000 "
            "square miles (3,862,000 square km)",
            approximate=True,
        ),
        _figure(
            "area_km2",
            3_859_000,
            "the Arabian Sea",
            "the Hutchinson Encyclopedia (via Credo Reference)",
            "Arabian Sea",
            "Credo Reference",
            "https://search.credoreference.com/content/topic/arabian_sea",
            "Northwestern branch of the Indian Ocean, covering 3,859,000 sq km/1,489,970 sq mi",
        ),
    ),
    "pakistan": (
        _figure(
            "area_km2",
            796_096,
            "Pakistan without Azad Jammu and Kashmir and Gilgit-Baltistan (which the outline "
            "drawn here includes)",
            "the Board of Investment, Government of Pakistan",
            "Pakistan at a Glance",
            "Board of Investment, Government of Pakistan",
            "http://investinpakistan.pk/pakistan-at-a-glance/",
            "Area 796,096 square kilometres",
        ),
    ),
    "india": (
        _figure(
            "area_km2",
            3_287_263,
            "India's total area, a figure that counts the whole of the former state of Jammu "
            "and Kashmir (the outline drawn here is what India administers)",
            "gkseries.com, an education site (no government page stating it was found)",
            "About Geography of India",
            "gkseries.com",
            "https://gkseries.com/blog/about-geography-of-india",
            "It is the seventh-largest country in the world, with a total area of 3,287,263 "
            "square kilometres (1,269,219 sq mi).",
        ),
    ),
    "china": (
        _figure(
            "area_km2",
            9_600_000,
            "China's land area as China states it",
            "the Embassy of the People's Republic of China in India",
            "Land Area",
            "Embassy of the People's Republic of China in India",
            "http://in.china-embassy.org/eng/zggk/t763554.htm",
            "With a landmass of 9,600,000 sq km, China is the third largest country in the world.",
        ),
    ),
    "united-arab-emirates": (
        _figure(
            "area_km2",
            83_600,
            "the United Arab Emirates with its islands (77,700 km² without them)",
            "the Economist Intelligence Unit",
            "United Arab Emirates: Basic data",
            "Economist Intelligence Unit",
            "http://country.eiu.com/article.aspx?articleid=802721063&Country=United+Arab+Emirates&topic=Summary&subtopic=Basic+data",
            "83,600 sq km; 77,700 sq km (excluding islands), of which 97% is desert",
        ),
    ),
    "cpec-route": (
        _figure(
            "length_km",
            3_000,
            "the CPEC as a network of roads, railways and pipelines from Gwadar to Kashgar (a "
            "round figure, not one road's length)",
            "Dawn (citing Radio Pakistan)",
            **_DAWN_CPEC,
            excerpt=(
                "The CPEC is a 3,000km-long network of roads, railway tracks and pipelines to "
                "transport oil and gas from Gwadar Port to Kashgar city"
            ),
        ),
        _figure(
            "length_km",
            1_300,
            "the Karakoram Highway (the northern part of this line)",
            "Dawn",
            **_DAWN_CPEC,
            excerpt="including upgradation of the 1,300km Karakoram Highway",
        ),
        _figure(
            "length_km",
            806,
            "the Karakoram Highway's Pakistani section (N-35), Hasan Abdal to the Khunjerab Pass",
            "Pakistan's National Highway Authority (an official quoted by The News)",
            "NHA launches projects to improve KKH’s condition",
            "The News International",
            "https://www.thenews.com.pk/print/14211-nha-launches-projects-to-improve-kkhs-condition",
            "He said that the length of N- 35 is 806 Km which traverses between Hassanabdal, "
            "Mansehra, Gilgit and Khunjerab Top.",
            published="2015-08-22",
        ),
        _figure(
            "length_km",
            529,
            "the Makran Coastal Highway (N-10) from Lyari to Gwadar, the coastal part of this "
            "line: Lyari–Ormara 242 km, Ormara–Pasni 152 km, Pasni–Gwadar 135 km",
            "Pakistan's National Highway Authority (as reported by the Pakistan & Gulf Economist)",
            **_PAKISTAN_ECONOMIST_2004,
            excerpt=(
                "The total length of the Makran Coastal Highway from Lyari to Gwadar is 529 "
                "Kms and it is divided into three sections i.e. Lyari-Ormara (242 Km), "
                "Ormara-Pasni (152 Km), Pasni-Gwadar (135 Km)."
            ),
        ),
        _figure(
            "length_km",
            653,
            "the Makran Coastal Highway (N-10) from Karachi to Gwadar",
            "Samaa TV (the figure most pages give)",
            "Only road connecting Gwadar to major cities in bad shape",
            "Samaa TV",
            "https://www.samaa.tv/news/2018/09/only-road-connecting-gwadar-to-major-cities-in-bad-shape/",
            "The Makran Highway is a 653km long coastal highway along Pakistan’s Arabian Sea "
            "coastline which connects Karachi to Gwadar.",
            published="2018-09-25",
        ),
    ),
}
"""Place id → the figures cited for it."""
