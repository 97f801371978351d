"""產業類別 of 附表1 (點數申請表): sections (大類 A..S) and divisions (中類), plus "其他".

Transcribed from the form text (seeds/000). The form lists wholesale and retail as the single
choices "45∣46 批發業" and "47∣48 零售業"; we store them as "45-46" and "47-48" and accept the
other spellings through ``normalise_division``. English titles follow ISIC Rev. 4 wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backoffice.policy.applicants import Verdict, verdict

CLAUSE_INDUSTRY = "附表1 產業類別"


@dataclass(frozen=True)
class Division:
    """A 中類 of the form: its code ("62", "45-46"), its 大類 letter and names."""

    code: str
    section: str
    name_zh: str
    name_en: str


SECTIONS: dict[str, str] = {
    "A": "農、林、漁、牧業",
    "B": "礦業及土石採取業",
    "C": "製造業",
    "D": "電力及燃氣供應業",
    "E": "用水供應及污染整治業",
    "F": "營建工程業",
    "G": "批發及零售業",
    "H": "運輸及倉儲業",
    "I": "住宿及餐飲業",
    "J": "出版影音及資通訊業",
    "K": "金融及保險業",
    "L": "不動產業",
    "M": "專業、科學及技術服務業",
    "N": "支援服務業",
    "O": "公共行政及國防；強制性社會安全",
    "P": "教育業",
    "Q": "醫療保健及社會工作服務業",
    "R": "藝術、娛樂及休閒服務業",
    "S": "其他服務業",
}

SECTIONS_EN: dict[str, str] = {
    "A": "Agriculture, forestry, fishing and animal husbandry",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Electricity and gas supply",
    "E": "Water supply and remediation activities",
    "F": "Construction",
    "G": "Wholesale and retail trade",
    "H": "Transportation and storage",
    "I": "Accommodation and food service activities",
    "J": "Publishing, audiovisual, information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M": "Professional, scientific and technical activities",
    "N": "Support service activities",
    "O": "Public administration and defence; compulsory social security",
    "P": "Education",
    "Q": "Human health and social work activities",
    "R": "Arts, entertainment and recreation",
    "S": "Other service activities",
}

# (code, section, zh, en), in the order of the form.
_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("01", "A", "農、牧業", "Crop and animal production"),
    ("02", "A", "林業", "Forestry and logging"),
    ("03", "A", "漁業", "Fishing and aquaculture"),
    ("05", "B", "石油及天然氣礦業", "Extraction of crude petroleum and natural gas"),
    ("06", "B", "砂、石採取及其他礦業", "Quarrying of sand and stone and other mining"),
    ("08", "C", "食品及飼品製造業", "Manufacture of food products and prepared animal feeds"),
    ("09", "C", "飲料製造業", "Manufacture of beverages"),
    ("10", "C", "菸草製造業", "Manufacture of tobacco products"),
    ("11", "C", "紡織業", "Manufacture of textiles"),
    ("12", "C", "成衣及服飾品製造業", "Manufacture of wearing apparel and clothing accessories"),
    ("13", "C", "皮革、毛皮及其製品製造業", "Manufacture of leather, fur and related products"),
    ("14", "C", "木竹製品製造業", "Manufacture of wood and bamboo products"),
    ("15", "C", "紙漿、紙及紙製品製造業", "Manufacture of pulp, paper and paper products"),
    ("16", "C", "印刷及資料儲存媒體複製業", "Printing and reproduction of recorded media"),
    ("17", "C", "石油及煤製品製造業", "Manufacture of petroleum and coal products"),
    ("18", "C", "化學材料及肥料製造業", "Manufacture of chemical materials and fertilisers"),
    ("19", "C", "其他化學製品製造業", "Manufacture of other chemical products"),
    ("20", "C", "藥品及醫用化學製品製造業", "Manufacture of pharmaceuticals and medicinal chemical products"),
    ("21", "C", "橡膠製品製造業", "Manufacture of rubber products"),
    ("22", "C", "塑膠製品製造業", "Manufacture of plastics products"),
    ("23", "C", "非金屬礦物製品製造業", "Manufacture of other non-metallic mineral products"),
    ("24", "C", "基本金屬製造業", "Manufacture of basic metals"),
    ("25", "C", "金屬製品製造業", "Manufacture of fabricated metal products"),
    ("26", "C", "電子零組件製造業", "Manufacture of electronic parts and components"),
    (
        "27",
        "C",
        "電腦、電子產品及光學製品製造業",
        "Manufacture of computers, electronic and optical products",
    ),
    ("28", "C", "電力設備及配備製造業", "Manufacture of electrical equipment"),
    ("29", "C", "機械設備製造業", "Manufacture of machinery and equipment"),
    ("30", "C", "汽車及其零件製造業", "Manufacture of motor vehicles and parts"),
    ("31", "C", "其他運輸工具及其零件製造業", "Manufacture of other transport equipment and parts"),
    ("32", "C", "家具製造業", "Manufacture of furniture"),
    ("33", "C", "其他製造業", "Other manufacturing"),
    (
        "34",
        "C",
        "產業用機械設備維修及安裝業",
        "Repair and installation of industrial machinery and equipment",
    ),
    ("35", "D", "電力及燃氣供應業", "Electricity and gas supply"),
    ("36", "E", "用水供應業", "Water collection, treatment and supply"),
    ("37", "E", "廢水及污水處理業", "Wastewater and sewerage treatment"),
    (
        "38",
        "E",
        "廢棄物清除、處理及資源物回收處理業",
        "Waste collection, treatment, disposal and materials recovery",
    ),
    ("39", "E", "污染整治業", "Remediation activities"),
    ("41", "F", "建築工程業", "Construction of buildings"),
    ("42", "F", "土木工程業", "Civil engineering"),
    ("43", "F", "專門營造業", "Specialised construction activities"),
    ("45-46", "G", "批發業", "Wholesale trade"),
    ("47-48", "G", "零售業", "Retail trade"),
    ("49", "H", "陸上運輸業", "Land transport"),
    ("50", "H", "水上運輸業", "Water transport"),
    ("51", "H", "航空運輸業", "Air transport"),
    ("52", "H", "運輸輔助業", "Supporting activities for transportation"),
    ("53", "H", "倉儲業", "Warehousing and storage"),
    ("54", "H", "郵政及遞送服務業", "Postal and courier activities"),
    ("55", "I", "住宿業", "Accommodation"),
    ("56", "I", "餐飲業", "Food and beverage service activities"),
    ("58", "J", "出版業", "Publishing activities"),
    (
        "59",
        "J",
        "影片及電視節目業；聲音錄製及音樂發行業",
        "Motion picture, video and television programme production; sound recording and music publishing",
    ),
    ("60", "J", "廣播、電視節目編排及傳播業", "Programming and broadcasting activities"),
    ("61", "J", "電信業", "Telecommunications"),
    ("62", "J", "電腦程式設計、諮詢及相關服務業", "Computer programming, consultancy and related activities"),
    ("63", "J", "資訊服務業", "Information service activities"),
    ("64", "K", "金融服務業", "Financial service activities"),
    ("65", "K", "保險業", "Insurance"),
    ("66", "K", "證券期貨及金融輔助業", "Securities, futures and activities auxiliary to financial services"),
    ("67", "L", "不動產開發業", "Real estate development"),
    ("68", "L", "不動產經營及相關服務業", "Real estate operation and related services"),
    ("69", "M", "法律及會計服務業", "Legal and accounting activities"),
    ("70", "M", "企業總管理機構及管理顧問業", "Activities of head offices; management consultancy"),
    (
        "71",
        "M",
        "建築、工程服務及技術檢測、分析服務業",
        "Architectural and engineering activities; technical testing and analysis",
    ),
    ("72", "M", "研究發展服務業", "Scientific research and development"),
    ("73", "M", "廣告業及市場研究業", "Advertising and market research"),
    ("74", "M", "專門設計業", "Specialised design activities"),
    ("75", "M", "獸醫業", "Veterinary activities"),
    ("76", "M", "其他專業、科學及技術服務業", "Other professional, scientific and technical activities"),
    ("77", "N", "租賃業", "Rental and leasing activities"),
    ("78", "N", "人力仲介及供應業", "Employment activities"),
    ("79", "N", "旅行及其他相關服務業", "Travel agency and related activities"),
    ("80", "N", "保全及偵探業", "Security and investigation activities"),
    ("81", "N", "建築物及綠化服務業", "Services to buildings and landscape activities"),
    ("82", "N", "行政支援服務業", "Office administrative and business support activities"),
    (
        "83",
        "O",
        "公共行政及國防；強制性社會安全",
        "Public administration and defence; compulsory social security",
    ),
    ("84", "O", "國際組織及外國機構", "Activities of international organisations and foreign institutions"),
    ("85", "P", "教育業", "Education"),
    ("86", "Q", "醫療保健業", "Human health activities"),
    ("87", "Q", "居住型照顧服務業", "Residential care activities"),
    ("88", "Q", "其他社會工作服務業", "Other social work activities"),
    ("90", "R", "創作及藝術表演業", "Creative, arts and entertainment activities"),
    (
        "91",
        "R",
        "圖書館、檔案保存、博物館及類似機構",
        "Libraries, archives, museums and similar institutions",
    ),
    ("92", "R", "博弈業", "Gambling and betting activities"),
    ("93", "R", "運動、娛樂及休閒服務業", "Sports activities and amusement and recreation activities"),
    ("94", "S", "宗教、職業及類似組織", "Activities of religious, professional and similar organisations"),
    ("95", "S", "個人及家庭用品維修業", "Repair of personal and household goods"),
    ("96", "S", "未分類其他服務業", "Other personal service activities n.e.c."),
)

DIVISIONS: dict[str, Division] = {code: Division(code, sec, zh, en) for code, sec, zh, en in _ROWS}

# Two-digit codes that belong to a combined choice of the form.
_COMBINED: dict[str, str] = {"45": "45-46", "46": "45-46", "47": "47-48", "48": "47-48"}
# Separators seen in "45∣46": ASCII and full-width bars, hyphens, dashes, slashes, 、 and spaces.
_SEPARATORS = re.compile(r"[\s|∣｜\-‐－–—/／、,，]+")


def normalise_division(code: str | int | None) -> str | None:
    """Canonical division code ("62", "45-46"), or None when ``code`` names no division.

    Accepts "5" for "05", a trailing "中類", and "45", "46", "4546", "45|46", "45∣46" for "45-46".
    """
    if code is None:
        return None
    text = str(code).strip().removesuffix("中類").strip()
    text = _SEPARATORS.sub("", text)
    if not text.isascii() or not text.isdigit():
        return None
    if len(text) == 1:
        text = "0" + text
    if len(text) == 4:
        pair = _COMBINED.get(text[:2])
        if pair is not None and pair.replace("-", "") == text:
            return pair
        return None
    if text in _COMBINED:
        return _COMBINED[text]
    return text if text in DIVISIONS else None


def section_of(division: str | int) -> str:
    """The 大類 letter of a division; KeyError if the code names no division."""
    code = normalise_division(division)
    if code is None:
        raise KeyError(division)
    return DIVISIONS[code].section


def label(division: str | int, lang: str = "zh") -> str:
    """Display label: "62 電腦程式設計、諮詢及相關服務業" (or the English title with lang="en")."""
    code = normalise_division(division)
    if code is None:
        raise KeyError(division)
    d = DIVISIONS[code]
    return f"{d.code} {d.name_en if lang == 'en' else d.name_zh}"


def section_label(section: str, lang: str = "zh") -> str:
    """Display label of a 大類: "J 出版影音及資通訊業"."""
    s = section.strip().upper()
    return f"{s} {SECTIONS_EN[s] if lang == 'en' else SECTIONS[s]}"


def validate_industry(section: str | None, division: str | int | None, other_text: str | None) -> Verdict:
    """Check the one 產業類別 choice of 附表1 ("請依主要營業項目勾選一項").

    Valid answers: a division (optionally with its own section letter), or a section alone (the
    form has a box before each 大類 too) **[decision]**, or "其他" with its free text and nothing else.
    """
    sec = (section or "").strip().upper() or None
    other = (other_text or "").strip() or None
    problems: list[tuple[str, str]] = []
    if division is not None and str(division).strip():
        code = normalise_division(division)
        if code is None:
            problems.append((f"無此中類代碼：{division}", f"Unknown division code: {division}"))
        elif sec is not None and sec != DIVISIONS[code].section:
            problems.append(
                (
                    f"中類 {code} 屬於 {DIVISIONS[code].section} 大類，不屬於 {sec} 大類",
                    f"Division {code} belongs to section {DIVISIONS[code].section}, not {sec}",
                )
            )
        if other is not None:
            problems.append(
                (
                    "產業類別只能勾選一項：已選中類又填寫「其他」",
                    "Only one industry choice: a division and 'Other' both given",
                )
            )
    elif sec is not None:
        if sec not in SECTIONS:
            problems.append((f"無此大類代碼：{section}", f"Unknown section letter: {section}"))
        if other is not None:
            problems.append(
                (
                    "產業類別只能勾選一項：已選大類又填寫「其他」",
                    "Only one industry choice: a section and 'Other' both given",
                )
            )
    elif other is None:
        problems.append(("未選擇產業類別", "No industry chosen"))
    return verdict(problems, (CLAUSE_INDUSTRY,))
