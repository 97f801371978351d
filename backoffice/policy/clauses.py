"""Clause references (條文出處) cited by every computed figure, with display titles.

A result object carries ``clauses: tuple[str, ...]`` of the reference strings below; views look
up ``CLAUSES[ref]`` for the zh-TW and English titles. 須知 = 點數申請須知 (the Guidelines, which
prevail), 手冊 = the applicant brochure, RULES = our written reading in RULES.md, where
"[decision]" marks a point the sources leave open.

RULES references are internal: users and applicants only know the published texts. Anything a
person reads goes through ``shown`` (published clause with its title, or 「作業原則：…」 with the
rule spelled out) and ``wording`` (the clause's published text, for tooltips); never print a ref.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from backoffice.policy.clause_wording import WORDING

# 須知 (Guidelines) sections: 二 補助作業說明, 三 申請期程, 四 用詞定義, 七 點數使用及回收原則, 八 其他注意事項.
POINT_VALUE = "須知二(一)"
COPAY_RATIO = "須知二(二)"
STOP_ANNOUNCEMENT = "須知二(三)"
APPLICATION_PERIOD = "須知三"
MIN_TERM = "須知四(五)"
SUBSIDY_ZONE_ONLY = "須知七(一)"
VALIDITY = "須知七(二)"
LAPSE = "須知七(三)"
EXPIRY = "須知七(四)"
SHORTFALL = "須知七(五)"
REFUND_UNDER_HALF = "須知七(六)1"
REFUND_HALF_OR_MORE = "須知七(六)2"
RETURN_VALIDITY_ORIGINAL = "須知七(七)1"
RETURN_VALIDITY_EXTENSION = "須知七(七)2"
RETURN_DEADLINE_BUDGET = "須知七(八)"
ONE_GRANT = "須知八(一)"
NO_RENEWAL = "須知八(二)"
MONTH_UNIT = "須知八(三)"
ORDER_DEADLINES = "須知八(四)"
SETTLEMENT = "須知八(五)"
TERMINATION = "須知八(六)"

# 手冊 (brochure).
BROCHURE_PURCHASE = "手冊 步驟3"
BROCHURE_PAYMENT = "手冊 步驟4"
BROCHURE_VALIDITY = "手冊 點數有效期限說明"
BROCHURE_REFUND = "手冊 點數與自付款退還機制"

# Civil Code on periods.
CIVIL_CODE_120 = "民法第120條"
CIVIL_CODE_121 = "民法第121條"

# Our own decisions and readings (RULES.md).
DECISION_ROUNDING = "RULES §1 [decision]"
DECISION_DATES = "RULES §2 [decision]"
WORKING_DAYS = "RULES §2 工作天"
PROVISIONAL_CALENDAR = "RULES §2 暫定行事曆"
DECISION_LOTS = "RULES §6 [decision]"
DECISION_LAPSE_PENDING = "RULES §6 [decision: pending order]"
DECISION_EXPIRY_PENDING = "RULES §6 [decision: expiry]"
DECISION_RETURN_DATE = "RULES §8 [decision]"
DECISION_STOP_STATES = "RULES §3 [decision]"
UBN_CHECKSUM = "RULES §10 統一編號"
NATIONAL_ID_CHECKSUM = "RULES §10 身分證字號"
MOICA_CARD_NUMBER = "RULES §10 自然人憑證卡號"
DEFAULT_PARAMETERS = "RULES §3 default"
DESK_IDENTITY = "RULES §4 身分驗證"
DECISION_SUPPLEMENT = "RULES §5 [decision]"
OTHER_GROUND = "RULES §5"
ONE_QUERY = "RULES §5.7"
SETTLEMENT_RULES = "RULES §9"
DECISION_TAX_YEAR = "RULES §9 [decision: 付款日所屬年度]"

INTERNAL_PREFIX = "RULES"  # our own reading: never shown as a reference
OPERATING_RULE_ZH = "作業原則："
OPERATING_RULE_EN = "Operating rule: "


@dataclass(frozen=True)
class Clause:
    """A citable rule with its display titles."""

    ref: str
    title_zh: str
    title_en: str


_TABLE: tuple[tuple[str, str, str], ...] = (
    (POINT_VALUE, "補助點數 3 萬點，1 點即新臺幣 1 元", "30,000 points granted; 1 point = NT$1"),
    (COPAY_RATIO, "自付與點數折抵比例 1 比 1", "Self-pay to points ratio 1:1"),
    (STOP_ANNOUNCEMENT, "額度用罄或政策變更得停止申請及使用並公告",
     "Applications or use may be stopped by announcement"),
    (APPLICATION_PERIOD, "申請期間至補助額度用罄或計畫結束", "Application period until budget or programme ends"),
    (MIN_TERM, "雲端解決方案須含軟體使用至少 4 個月", "Solutions include at least 4 months of use"),
    (SUBSIDY_ZONE_ONLY, "點數僅可購買補助專區之方案", "Points buy only solutions in the subsidy zone"),
    (VALIDITY, "獲發點數日起 3 個月內使用完畢", "Use points within 3 months of issue"),
    (LAPSE, "1 個月內完全未使用，點數返還系統", "Unused for 1 month: points return to the system"),
    (EXPIRY, "逾 3 個月未使用之剩餘點數回收", "Points left after 3 months are recovered"),
    (SHORTFALL, "點數不足由申請單位自行負擔", "Applicant pays any shortfall of points"),
    (REFUND_UNDER_HALF, "未達二分之一期程：點數及自付款依比例返還",
     "Under half the term: points and self-pay refunded pro rata"),
    (REFUND_HALF_OR_MORE, "已達二分之一（含）以上期程：自付款不予退還，點數依比例返還",
     "Half the term or more: no self-pay refund, points pro rata"),
    (RETURN_VALIDITY_ORIGINAL, "返還點數效期：原始獲發點數日起 3 個月",
     "Returned points valid 3 months from the original issue"),
    (RETURN_VALIDITY_EXTENSION, "返還點數效期：返還日起延長 5 個工作日",
     "Returned points valid 5 working days after the return"),
    (RETURN_DEADLINE_BUDGET, "逾補助期限或額度用罄不予返還或縮短效期",
     "After the subsidy deadline or budget exhaustion: not returned or validity cut"),
    (ONE_GRANT, "至多申請使用點數 3 萬點，不得重複申請", "At most 30,000 points, one application"),
    (NO_RENEWAL, "既有客戶不得以點數續購原方案", "Existing customers may not renew with points"),
    (MONTH_UNIT, "方案期程以月計，未足 1 個月以 1 個月計", "Terms in months; a started month counts in full"),
    (ORDER_DEADLINES, "接單、付款、開立發票各 2 個工作天", "Confirm, pay, invoice: 2 working days each"),
    (SETTLEMENT, "期程結束後請撥核銷並開立 95A 扣繳憑單", "Reimbursement claim and 95A statement after the term"),
    (TERMINATION, "契約無法完成依須知七辦理", "Termination handled under section 7"),
    (BROCHURE_PURCHASE, "確認訂單與金額（點數＋自付款）", "Order amount split into points and self-pay"),
    (BROCHURE_PAYMENT, "訂單確認後 7 天內提供服務", "Service starts within 7 days of order confirmation"),
    (BROCHURE_VALIDITY, "點數有效期限說明", "Validity of points"),
    (BROCHURE_REFUND, "點數與自付款退還機制，退訂處理期 14 天內雙方確認",
     "Refund mechanism; both parties confirm within 14 days"),
    (CIVIL_CODE_120, "以日定期間者，始日不算入", "A period from a day does not count that day"),
    (CIVIL_CODE_121, "以月定期間者，以最後之月與起算日相當日之前一日為末日",
     "A period in months ends the day before the corresponding day"),
    (DECISION_ROUNDING, "已使用部分四捨五入，返還為總額減已使用", "Used part rounded half up; refund = total - used"),
    (DECISION_DATES, "期限遇假日不順延", "Deadlines are not moved off holidays"),
    (WORKING_DAYS, "工作天依政府行政機關辦公日曆表，事件當日不計",
     "Working days per the government office calendar; the event day never counts"),
    (PROVISIONAL_CALENDAR, "尚未匯入辦公日曆表，暫以內建行事曆計算",
     "Office calendar not imported; computed with the built-in calendar"),
    (DECISION_LOTS, "點數分批管理，先到期者先用，退回原批", "Points in lots; earliest expiry first; returns to source"),
    (DECISION_LAPSE_PENDING, "審核中之訂單使點數暫不返還系統", "A pending order holds off the lapse"),
    (DECISION_EXPIRY_PENDING, "到期時審核中之訂單保留點數，其後退回即回收",
     "Pending orders keep points at expiry; later returns are recovered"),
    (DECISION_RETURN_DATE, "返還日為主管核准入帳日；原始獲發日含重新開通日",
     "Return date is the approval posting date; issue date includes reactivation"),
    (DECISION_STOP_STATES, "停止使用點數亦停止受理申請", "Stopping use also stops applications"),
    (UBN_CHECKSUM, "統一編號檢查碼（可被 5 整除）", "UBN check digit (divisible by 5)"),
    (NATIONAL_ID_CHECKSUM, "身分證字號／居留證號檢查碼", "National ID / resident certificate check digit"),
    (MOICA_CARD_NUMBER, "自然人憑證卡號格式", "MOICA card number format"),
    (DEFAULT_PARAMETERS, "計畫參數未另行設定時，依須知所定數值", "Programme parameters default to the Guidelines' values"),
    (DESK_IDENTITY, "臨櫃查驗申請身分適用之憑證 IC 卡，以確認申請身分",
     "The applicant's certificate card is checked at the desk to confirm the identity"),
    (DECISION_SUPPLEMENT, "經通知補件而未於期限內補正者，不予核定",
     "An application not completed by the supplement deadline it was given is rejected"),
    (OTHER_GROUND, "其他不符申請資格之情形，於說明中敘明理由",
     "Any other ground of ineligibility, with the reason stated in the note"),
    (ONE_QUERY, "每份授權書限成功查詢 1 次；因系統異常而失敗者，得於授權效期內重新查詢",
     "Each authorisation allows one successful query; a query failed by a system fault may be repeated "
     "within its validity"),
    (SETTLEMENT_RULES, "方案期程結束或退訂核准後請撥核銷；發票已開立、自付款已付清且無退訂案件者始得撥付",
     "Claims after the term or an approved refund; payable once invoiced, self-pay paid and no open refund"),
    (DECISION_TAX_YEAR, "扣繳憑單所得年度以撥款日所屬年度計",
     "The withholding statement's tax year is the year of the payment date"),
)

CLAUSES: dict[str, Clause] = {ref: Clause(ref, zh, en) for ref, zh, en in _TABLE}


def is_internal(ref: str) -> bool:
    """Whether ``ref`` is our own reading (RULES.md), not a published clause."""
    return ref.strip().startswith(INTERNAL_PREFIX)


def describe(ref: str) -> Clause:
    """Titles for ``ref``; an unknown published reference is shown as itself (never an error on
    screen), an unknown internal one as a plain 作業原則 (the reference never reaches a user)."""
    known = CLAUSES.get(ref)
    if known is not None:
        return known
    if is_internal(ref):
        return Clause(ref, "本執行單位作業原則", "the executing unit's operating practice")
    return Clause(ref, ref, ref)


def _english(language: str) -> bool:
    return language.lower().startswith("en")


def shown(ref: str, language: str = "zh_TW") -> str:
    """What a person reads for ``ref``: 「須知七(三) 1 個月內完全未使用…」 or 「作業原則：…」."""
    c = describe(ref)
    en = _english(language)
    title = c.title_en if en else c.title_zh
    if is_internal(ref):
        return (OPERATING_RULE_EN if en else OPERATING_RULE_ZH) + title
    return ref if title == ref else f"{ref} {title}"


def shown_all(refs: Iterable[str], language: str = "zh_TW", sep: str = "、") -> str:
    """Several clauses for one line of text, each once, in order."""
    seen: list[str] = []
    for ref in refs:
        text = shown(ref, language)
        if text not in seen:
            seen.append(text)
    return sep.join(seen)


def label(ref: str) -> str:
    """A short handle for a column: the published reference, or 作業原則 for our own reading."""
    return OPERATING_RULE_ZH.rstrip("：") if is_internal(ref) else ref


def wording(ref: str, language: str = "zh_TW") -> str:
    """The clause's wording for a tooltip: the published text (the sources are in Chinese; an
    English reader gets the English title first), or the operating rule spelled out."""
    c = describe(ref)
    en = _english(language)
    if is_internal(ref):
        return shown(ref, language)
    text = WORDING.get(ref)
    if text is None:
        return shown(ref, language)
    return f"{ref} {c.title_en}\n「{text}」" if en else f"{ref}：「{text}」"
