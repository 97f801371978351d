"""Word lists for the demo feed: Taiwanese company names, people, addresses, phone numbers.

Pure data plus small pickers that take a ``random.Random``; no I/O. Used only by
``backoffice.services.admin.demo_feed``. The names are invented; any likeness is coincidental.
"""

from __future__ import annotations

import random

from backoffice.services.authz import pure

SURNAMES = (
    "陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "郭", "洪",
    "曾", "邱", "廖", "賴", "周", "徐", "蘇", "葉", "莊", "呂", "江", "何", "蕭", "羅", "高",
    "簡", "朱", "鍾", "施", "游", "詹", "沈", "彭", "胡", "余", "盧", "潘", "顏", "梁", "趙",
)
GIVEN_CHARS = (
    "志", "明", "淑", "芬", "俊", "傑", "雅", "婷", "怡", "君", "家", "豪", "冠", "宇", "佳",
    "慧", "建", "宏", "美", "玲", "承", "恩", "宗", "翰", "欣", "妤", "柏", "廷", "品", "妍",
    "信", "良", "文", "彥", "鈺", "涵", "子", "晴", "嘉", "偉", "秀", "英", "國", "華", "育",
)

# Brand stems (字號) and trade words; combined they give names like 好給力數位股份有限公司.
BRAND_STEMS = (
    "好給力", "大同心", "永豐泰", "新晨光", "合順", "金元寶", "益昇", "鼎盛", "宏達興", "雲漾",
    "綠野", "藍海", "日日好", "山海屯", "福爾摩沙", "寶島", "阿里山", "玉山", "興隆", "德昌",
    "和泰成", "瑞益", "晶采", "匠心", "小確幸", "安心", "嘉禾", "錦繡", "春水", "北極星",
    "上好", "旭日", "長青", "美好", "家和", "聚豐", "順發", "佳音", "青田", "光點",
    "向陽", "初心", "森活", "米樂", "巧手", "樂活", "築夢", "聯發", "茂林", "滿福",
)
TRADES = (
    ("數位", "62"), ("資訊", "63"), ("科技", "27"), ("食品", "08"), ("餐飲", "56"), ("烘焙", "08"),
    ("茶業", "09"), ("紡織", "11"), ("服飾", "12"), ("精密", "29"), ("機械", "29"), ("五金", "25"),
    ("塑膠", "22"), ("印刷", "16"), ("營造", "41"), ("工程", "43"), ("貿易", "45-46"),
    ("商貿", "45-46"), ("百貨", "47-48"), ("生活", "47-48"), ("物流", "52"), ("運通", "49"),
    ("旅行社", "79"), ("旅店", "55"), ("設計", "74"), ("廣告", "73"), ("顧問", "70"),
    ("會計師事務所", "69"), ("診所", "86"), ("長照", "87"), ("文創", "90"), ("運動", "93"),
    ("農產", "01"), ("水產", "03"), ("環保", "38"), ("保全", "80"), ("清潔", "81"), ("租賃", "77"),
    ("不動產", "68"), ("教育", "85"), ("美容", "96"), ("家電維修", "95"), ("電子", "26"),
)
COMPANY_SUFFIXES = ("股份有限公司", "有限公司", "有限公司", "股份有限公司", "企業社", "商行")
TAX_REGISTERED_SUFFIXES = ("小吃店", "工作室", "商號", "早餐店", "手作坊")
COOP_NAMES = (
    "{city}第{n}消費合作社", "{city}{stem}農業生產合作社", "{city}{stem}勞動合作社",
    "保證責任{city}{stem}運銷合作社",
)
NONPROFIT_NAMES = (
    "社團法人台灣{stem}協會", "財團法人{stem}社會福利基金會", "社團法人{city}{stem}關懷協會",
    "社團法人台灣{stem}永續發展協會",
)

# City -> (districts, telephone area code, national-ID letter, roads).
CITIES: dict[str, tuple[tuple[str, ...], str, str]] = {
    "臺北市": (("中正區", "大安區", "信義區", "內湖區", "松山區", "中山區", "士林區", "萬華區"), "02", "A"),
    "新北市": (("板橋區", "新莊區", "三重區", "中和區", "永和區", "新店區", "汐止區", "林口區"), "02", "F"),
    "桃園市": (("桃園區", "中壢區", "平鎮區", "龜山區", "八德區", "蘆竹區"), "03", "H"),
    "臺中市": (("西屯區", "北屯區", "南屯區", "西區", "豐原區", "大里區", "太平區"), "04", "B"),
    "臺南市": (("東區", "中西區", "永康區", "安平區", "北區", "善化區"), "06", "D"),
    "高雄市": (("苓雅區", "前鎮區", "左營區", "三民區", "鳳山區", "鼓山區", "楠梓區"), "07", "E"),
    "新竹市": (("東區", "北區", "香山區"), "03", "O"),
    "新竹縣": (("竹北市", "湖口鄉", "竹東鎮"), "03", "J"),
    "彰化縣": (("彰化市", "員林市", "鹿港鎮", "和美鎮"), "04", "N"),
    "嘉義市": (("東區", "西區"), "05", "I"),
    "宜蘭縣": (("宜蘭市", "羅東鎮", "礁溪鄉"), "03", "G"),
    "花蓮縣": (("花蓮市", "吉安鄉"), "03", "U"),
    "屏東縣": (("屏東市", "潮州鎮", "東港鎮"), "08", "T"),
    "基隆市": (("仁愛區", "中正區", "七堵區"), "02", "C"),
}
# Rough weights: the big cities dominate, as they do in the real applicant population.
CITY_WEIGHTS = (22, 20, 9, 14, 8, 11, 3, 3, 3, 1, 2, 1, 2, 1)
ROADS = (
    "中山路", "中正路", "民生路", "民權東路", "忠孝東路", "復興北路", "和平東路", "信義路", "光復路",
    "文心路", "台灣大道", "中華路", "成功路", "建國路", "自由路", "博愛路", "三民路", "四維路",
    "五福路", "中港路", "府前路", "永福路", "公園路", "健康路", "大同路", "仁愛路", "新生南路",
)
REP_TITLES = ("董事長", "負責人", "總經理", "執行長")
CONTACT_TITLES = ("行政經理", "會計主任", "資訊主管", "業務經理", "專案經理", "店長", "行政專員", "營運長")
EMAIL_DOMAINS = ("gmail.com", "yahoo.com.tw", "hotmail.com", "msa.hinet.net", "outlook.com")
ROMAN = ("hao", "lin", "chen", "ming", "yun", "tai", "hsin", "feng", "an", "kang", "mei", "jia", "hua")

VENDOR_STEMS = (
    "雲躍", "凌網", "叡揚", "數位無限", "雲端大師", "智慧通", "宏碁雲", "碩網", "訊聯", "網擎",
    "天碁", "新零售", "iCHEF 雲", "快點", "雲想", "雲碼", "微程式", "資拓", "易飛", "金財通",
)
SOLUTION_KINDS = (
    ("雲端POS", 900, 3000), ("電子發票加值服務", 500, 1500), ("雲端進銷存", 2000, 6000),
    ("線上預約系統", 800, 2500), ("顧客關係管理CRM", 2500, 9000), ("人資薪資雲", 1500, 6000),
    ("雲端會計", 1200, 4000), ("電商開店平台", 3000, 12000), ("數位行銷工具", 2000, 8000),
    ("資安防護服務", 2500, 10000), ("遠距協作平台", 1000, 5000), ("智慧排班系統", 1500, 5000),
    ("餐廳點餐系統", 1200, 4500), ("生產管理MES", 6000, 15000), ("倉儲物流WMS", 5000, 14000),
)


@pure
def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_CHARS) + rng.choice(GIVEN_CHARS)


@pure
def pick_city(rng: random.Random) -> str:
    return rng.choices(tuple(CITIES), weights=CITY_WEIGHTS)[0]


@pure
def address(rng: random.Random, city: str) -> str:
    districts, _, _ = CITIES[city]
    section = f"{rng.choice('一二三四五')}段" if rng.random() < 0.45 else ""
    lane = f"{rng.randint(2, 300)}巷" if rng.random() < 0.25 else ""
    floor = f"{rng.randint(2, 18)}樓" if rng.random() < 0.6 else ""
    return f"{city}{rng.choice(districts)}{rng.choice(ROADS)}{section}{lane}{rng.randint(1, 420)}號{floor}"


@pure
def landline(rng: random.Random, city: str) -> str:
    code = CITIES[city][1]
    if code == "02":
        return f"02-{rng.randint(2000, 8999)}-{rng.randint(0, 9999):04d}"
    return f"{code}-{rng.randint(200, 899)}-{rng.randint(0, 9999):04d}"


@pure
def mobile(rng: random.Random) -> str:
    return f"09{rng.randint(10, 89)}-{rng.randint(0, 999):03d}-{rng.randint(0, 999):03d}"


@pure
def email(rng: random.Random, n: int) -> str:
    local = rng.choice(ROMAN) + rng.choice(ROMAN) + str(n % 1000)
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


@pure
def id_letter(city: str) -> str:
    return CITIES[city][2]
