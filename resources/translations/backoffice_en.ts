<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_TW">
<context>
    <name>AccountLabels</name>
    <message>
        <location filename="../../backoffice/views/points/accounts_model.py" line="+18"/>
        <source>核發點數</source>
        <translation>Points granted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新開通</source>
        <translation>Reactivation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單扣抵</source>
        <translation>Order hold</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單退回點數</source>
        <translation>Order points returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未使用返還系統</source>
        <translation>Lapsed unused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期回收</source>
        <translation>Recovered at expiry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退訂返還點數</source>
        <translation>Points returned by refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予返還</source>
        <translation>Forfeited</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>核發</source>
        <translation>Grant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退訂返還</source>
        <translation>Refund return</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已於期限內使用，不返還</source>
        <translation>Used in time; does not lapse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚未使用，期限內仍可使用</source>
        <translation>Not used yet; still usable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期限已過，審核中訂單暫緩返還</source>
        <translation>Past the date; a pending order holds the lapse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未使用，點數已返還系統</source>
        <translation>Unused; points returned to the programme</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../backoffice/views/points/accounts_screen.py" line="+73"/>
        <source>點數帳戶</source>
        <translation>Points accounts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>搜尋統一編號或申請單位名稱</source>
        <translation>Search UBN or applicant name</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部狀態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>重新整理</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>載入中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>帳戶明細</source>
        <translation>Account details</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+138"/>
        <source>請在上方選擇一個帳戶。</source>
        <translation>Select an account above.</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>可用點數</source>
        <translation>Usable points</translation>
    </message>
    <message>
        <source>帳上點數合計</source>
        <translation type="vanished">Ledger total</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核發日</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未使用返還日</source>
        <translation>Lapse date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效期限</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>點數批次</source>
        <translation>Point lots</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>點數異動紀錄</source>
        <translation>Ledger entries</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>載入點數帳戶</source>
        <translation>Loading points accounts</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>無法載入點數帳戶：%1</source>
        <translation>Cannot load the points accounts: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>資料日期：%1</source>
        <translation>As of %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>沒有符合條件的點數帳戶。</source>
        <translation>No points account matches.</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>載入帳戶明細</source>
        <translation>Loading account details</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>持有點數合計</source>
        <translation>Points held</translation>
    </message>
    <message>
        <location line="+142"/>
        <location line="+1"/>
        <source>%1 點</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（另 %1 點待清算收回）</source>
        <translation> (%1 more awaiting the nightly sweep)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>帳上另有 %1 點已失效或到期，尚待每日清算入帳；持有點數已扣除。</source>
        <translation>A further %1 points on the books have lapsed or expired and await the nightly sweep; the points held already leave them out.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>依據：%1</source>
        <translation>Basis: %1</translation>
    </message>
</context>
<context>
    <name>AccountsTableModel</name>
    <message>
        <location filename="../../backoffice/views/points/accounts_model.py" line="+14"/>
        <source>統一編號</source>
        <translation>UBN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請單位</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核發日</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核發點數</source>
        <translation>Granted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可用點數</source>
        <translation>Usable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未使用返還日</source>
        <translation>Lapse date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效期限</source>
        <translation>Valid until</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../backoffice/app.py" line="+177"/>
        <source>無法啟動</source>
        <translation>Cannot start</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <location filename="../../backoffice/views/applications/review/attachment_viewer.py" line="+35"/>
        <source>檔案過大，無法顯示</source>
        <translation>File too large to show</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>檔案是空的</source>
        <translation>The file is empty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不支援的檔案類型</source>
        <translation>Unsupported file type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 檔案損毀或格式錯誤，無法顯示</source>
        <translation>Damaged or malformed PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>影像檔損毀或格式錯誤，無法顯示</source>
        <translation>Damaged or malformed image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>沒有這一頁</source>
        <translation>No such page</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>PDF 文件</source>
        <translation>PDF document</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 影像</source>
        <translation>%1 image</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+129"/>
        <source>附件（簽署表單掃描檔）</source>
        <translation>Attachments (scans of the signed forms)</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>◀ 上一頁</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一頁 ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>縮小 −</source>
        <translation>Zoom out −</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>放大 ＋</source>
        <translation>Zoom in +</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>符合寬度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>在新視窗開啟</source>
        <translation>Open in a window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在可放大的獨立視窗中檢視附件</source>
        <translation>View the attachments in their own resizable window</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>此案件沒有附件</source>
        <translation>No attachments</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>載入中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>顯示附件</source>
        <translation>Show attachment</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>第 %1／%2 頁&#x3000;%3%</source>
        <translation>Page %1 of %2  %3%</translation>
    </message>
</context>
<context>
    <name>BatchesTab</name>
    <message>
        <location filename="../../backoffice/views/finance/batches_tab.py" line="+35"/>
        <source>核准並簽章…</source>
        <translation>Approve and sign…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由建立者以外之財務或主管以憑證卡簽章核准（四眼原則）</source>
        <translation>Approved and signed with the card by finance or a supervisor other than the preparer (four eyes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯出付款檔 CSV…</source>
        <translation>Export payment file (CSV)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯出付款檔 Excel…</source>
        <translation>Export payment file (Excel)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯入銀行回覆檔…</source>
        <translation>Import bank results…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>欄位：reference,amount,paid_on,status,reason（CSV 或 Excel）</source>
        <translation>Columns: reference,amount,paid_on,status,reason (CSV or Excel)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>載入撥款批次</source>
        <translation>Loading payment batches</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>載入批次明細</source>
        <translation>Loading batch lines</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>讀取憑證卡</source>
        <translation>Reading the card</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>核准撥款批次 %1</source>
        <translation>Approve payment batch %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>簽章核准</source>
        <translation>Signing the approval</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已以憑證卡簽章</source>
        <translation>signed with the card</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未簽章（示範資料庫）</source>
        <translation>not signed (demo database)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批次 %1 已核准；%2</source>
        <translation>Batch %1 approved; %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>請將您本人的自然人憑證卡插入讀卡機後再核准</source>
        <translation>Insert your own citizen certificate card (MOICA) in a reader, then approve again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>四眼原則：批次建立者不得核准自己建立的批次</source>
        <translation>Four eyes: the preparer of a batch may not approve it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>此批次無法核准：%1</source>
        <translation>This batch cannot be approved: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CSV 檔 (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>匯出付款檔</source>
        <translation>Export payment file</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已匯出 %1 筆至 %2
SHA-256：%3</source>
        <translation>Exported %1 lines to %2
SHA-256: %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <source>匯入銀行回覆檔</source>
        <translation>Import bank results</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>回覆檔 (*.csv *.xlsx)</source>
        <translation>Result file (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>檔案未匯入，以下各列有誤：</source>
        <translation>The file was not imported; these rows are wrong:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 %1 列：%2</source>
        <translation>Row %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>對帳完成：已付款 %1 筆，付款失敗 %2 筆（可列入下一批次）</source>
        <translation>Reconciled: %1 paid, %2 failed (they can go into a later batch)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>此檔案未變更任何明細（可能已匯入過），未處理</source>
        <translation>This file changes no line (probably imported before); nothing done</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>無法讀取回覆檔：%1</source>
        <translation>Cannot read the result file: %1</translation>
    </message>
</context>
<context>
    <name>BatchesTableModel</name>
    <message>
        <location filename="../../backoffice/views/finance/models.py" line="+81"/>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>廠商</source>
        <translation>Vendor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款日</source>
        <translation>Payment date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>筆數</source>
        <translation>Lines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已付／失敗</source>
        <translation>Paid / failed</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../backoffice/views/refunds/case_view.py" line="+68"/>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>雙方確認（提出終止後 14 日內）</source>
        <translation>Confirmations (within 14 days of the filing)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>案件歷程</source>
        <translation>Case history</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>確認與歷程</source>
        <translation>Confirmations and history</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>佐證資料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+58"/>
        <source>請在上方選擇一筆案件。</source>
        <translation>Select a case above.</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>契約期程圖</source>
        <translation>Term of the contract</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>契約與終止</source>
        <translation>Contract and termination</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>契約期程</source>
        <translation>Term</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提出終止日 F</source>
        <translation>Filed on F</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最後服務日 E</source>
        <translation>Last day of service E</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>確認期限</source>
        <translation>Confirm by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提出方／原因</source>
        <translation>Filed by / reason</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>入帳</source>
        <translation>Posting</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+17"/>
        <source>自付款退還</source>
        <translation>Self-pay refund</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>計算（每項附依據）</source>
        <translation>Figures (each with its clause)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>認定前</source>
        <translation>Before finding</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>依據</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已使用月數</source>
        <translation>Months used</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>點數使用</source>
        <translation>Points used</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>點數返還</source>
        <translation>Points refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自付款使用</source>
        <translation>Self-pay used</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 至 %2，%3 個月</source>
        <translation>%1 to %2, %3 months</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 個月（未提供服務開始日）</source>
        <translation>%1 months (no first day of service given)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（終止申請所載 %1）</source>
        <translation> (the termination said %1)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>承辦認定：%1</source>
        <translation>Officer&apos;s finding: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>點數 %1 點、自付款實付 %2 元；依比例計算，未滿 1 個月以 1 個月計算。</source>
        <translation>Points %1, self-pay paid NT$%2; pro rata, a started month counts in full.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已使用 %1 個月，達二分之一（含）以上期程：自付款不予退還（須知七(六)2）。</source>
        <translation>Months used: %1, half the term or more: the self-pay is not refunded (須知七(六)2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已使用 %1 個月，未達二分之一期程：點數及自付款依比例返還（須知七(六)1）。</source>
        <translation>Months used: %1, less than half the term: points and self-pay are refunded pro rata (須知七(六)1).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>尚未入帳（主管核准後入帳）</source>
        <translation>Not posted yet (posted on a supervisor&apos;s approval)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 核准；逾補助期限或額度用罄，點數不予返還（須知七(八)）</source>
        <translation>Approved %1; after the subsidy deadline or budget exhaustion the points are forfeited (須知七(八))</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 返還 %2 點，有效期限至 %3（須知七(七)）</source>
        <translation>%1: %2 points returned, valid until %3 (須知七(七))</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>；依暫定行事曆計算，匯入年度辦公日曆後請再確認</source>
        <translation>; computed on the provisional calendar: check again once the year’s office calendar is imported</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 核准；無點數返還</source>
        <translation>Approved %1; no points to return</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>無（已達二分之一期程或未付自付款）</source>
        <translation>None (half the term used, or no self-pay paid)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新臺幣 %1 元，%2 已退還（%3）</source>
        <translation>NT$%1, refunded on %2 (%3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新臺幣 %1 元，供應商應於 %2 前退還</source>
        <translation>NT$%1, owed by the vendor by %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新臺幣 %1 元（核准後由供應商退還）</source>
        <translation>NT$%1 (the vendor refunds it after approval)</translation>
    </message>
</context>
<context>
    <name>ClaimsTab</name>
    <message>
        <location filename="../../backoffice/views/finance/claims_tab.py" line="+57"/>
        <source>全部狀態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部暫緩原因</source>
        <translation>All hold reasons</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部廠商</source>
        <translation>All vendors</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新檢核</source>
        <translation>Re-check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>依須知八(五)重新檢核所有未結請撥案件（可重複執行）</source>
        <translation>Re-check every open claim under 須知八(五) (safe to repeat)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>駁回…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>以目前篩選匯出全部請撥案件（同畫面之欄位與排序），並顯示 SHA-256</source>
        <translation>Export every claim of the current filters (the columns and order of this screen) and show its SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建立撥款批次…</source>
        <translation>Build payment batches…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>以目前的廠商與送件日篩選，將可撥付案件依廠商建立批次</source>
        <translation>Build one batch per vendor from the payable claims of the current vendor and date filters</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>送件日</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>請撥案件明細</source>
        <translation>Claim detail</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>請撥案號</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>訂單</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>契約期間</source>
        <translation>Contract term</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全額電子發票</source>
        <translation>Full e-invoice</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>自付款</source>
        <translation>Self-pay</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退訂退款案</source>
        <translation>Refund cases</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>可請撥點數</source>
        <translation>Claimable points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>檢核結果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>撥款紀錄</source>
        <translation>Payments</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>依據：須知八(五)（請撥核銷）、須知八(四)（全額電子發票）</source>
        <translation>Basis: 須知八(五) (reimbursement claims), 須知八(四) (full e-invoice)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>載入廠商</source>
        <translation>Loading vendors</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>載入請撥案件</source>
        <translation>Loading claims</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>篩選結果：%1 件，請撥點數合計 %2 點</source>
        <translation>Filtered: %1 claims, %2 points claimed in all</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>載入請撥明細</source>
        <translation>Loading claim detail</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1：總額 %2 元，點數 %3 點</source>
        <translation>%1: total NT$%2, points %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>尚未開立</source>
        <translation>Not issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>應付 %1 元，已付 %2 元</source>
        <translation>NT$%1 due, NT$%2 paid</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>無</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 點（已使用 %2 點扣除已核准退還點數）；本案請撥 %3 點</source>
        <translation>%1 points (%2 used, less approved returns); this claim: %3 points</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>檢核請撥案件</source>
        <translation>Checking claims</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>檢核完成：可撥付 %1 件，暫緩 %2 件，本次變更 %3 件</source>
        <translation>Checked: %1 payable, %2 held, %3 changed now</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+9"/>
        <source>駁回請撥</source>
        <translation>Reject claim</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>駁回理由（必填）：</source>
        <translation>Reason for rejecting (required):</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+17"/>
        <source>建立撥款批次</source>
        <translation>Build payment batches</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>付款日（YYYY-MM-DD）：</source>
        <translation>Payment date (YYYY-MM-DD):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>付款日格式錯誤</source>
        <translation>The payment date is not a valid date</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已建立 %1 個批次，合計 %2 元，待第二人核准</source>
        <translation>%1 batches built, NT$%2 in all, awaiting a second person&apos;s approval</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>沒有符合篩選條件的可撥付案件</source>
        <translation>No payable claim matches the filters</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+14"/>
        <source>匯出請撥報表</source>
        <translation>Export settlement report</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已匯出 %1 筆至 %2（資料時點 %3）
SHA-256：%4</source>
        <translation>Exported %1 claims to %2 (as of %3)
SHA-256: %4</translation>
    </message>
</context>
<context>
    <name>ClaimsTableModel</name>
    <message>
        <location filename="../../backoffice/views/finance/models.py" line="-28"/>
        <source>請撥案號</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>廠商</source>
        <translation>Vendor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請單位</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>請撥點數</source>
        <translation>Points claimed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可請撥</source>
        <translation>Claimable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>送件日</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>暫緩原因</source>
        <translation>Hold reasons</translation>
    </message>
</context>
<context>
    <name>ConfirmationsModel</name>
    <message>
        <location filename="../../backoffice/views/refunds/refunds_model.py" line="+100"/>
        <source>確認方</source>
        <translation>Party</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>意見</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>時間</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>說明</source>
        <translation>Comment</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../backoffice/views/dashboard.py" line="+54"/>
        <source>儀表板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>重新整理</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>載入中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>載入儀表板</source>
        <translation>Loading the dashboard</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>無法載入儀表板：%1</source>
        <translation>Cannot load the dashboard: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>此資料庫尚未設定補助計畫；以下數字為 0。</source>
        <translation>No programme is set up in this database; the figures below are 0.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>資料日期：%1</source>
        <translation>As of %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>依據：%1</source>
        <translation>Basis: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>尚無紀錄</source>
        <translation>no record yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>額度與點數以 %1 計，已計入每日清算尚未入帳的失效 %2 件、到期 %3 批（釋出額度 %4 點）。清算上次入帳：%5。</source>
        <translation>Budget and points as of %1, including what the nightly sweep has not booked yet: %2 lapsed grants, %3 expired lots (%4 points of budget released). The sweep last booked on: %5.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>額度與點數以 %1 計；每日清算無待入帳項目。清算上次入帳：%2。</source>
        <translation>Budget and points as of %1; nothing is waiting for the nightly sweep. The sweep last booked on: %2.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>補助額度（點）</source>
        <translation>Budget (points)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>總額度</source>
        <translation>Total budget</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已核發保留</source>
        <translation>Committed to grants</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>剩餘額度</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚可核發件數（每件 3 萬點）</source>
        <translation>Grants still possible (30,000 points each)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>申請案件（共 %1 件）</source>
        <translation>Applications (%1 in total)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>申請人持有點數</source>
        <translation>Points held by applicants</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>點數核發（狀態以 %1 計）</source>
        <translation>Grants (status as of %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>點數核發</source>
        <translation>Grants</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>可撥付請撥（件）</source>
        <translation>Payable claims</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可撥付點數</source>
        <translation>Payable points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本年度已撥付（元）</source>
        <translation>Paid this year (NT$)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 年度 95A 扣繳憑單（申報期限 %2）</source>
        <translation>95A statements of ROC year %1 (filing due %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>暫緩：%1</source>
        <translation>Held: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>請撥核銷</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>尚未提供</source>
        <translation type="vanished">Not available yet</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>逾期未辦（接單／付款／發票／開通）</source>
        <translation>Overdue (confirm / pay / invoice / start)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（尚未提供）</source>
        <translation>(not available yet)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>訂單（共 %1 筆）</source>
        <translation>Orders (%1 in total)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>處理中案件</source>
        <translation>Open cases</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>自付款逾期未退</source>
        <translation>Self-pay refund overdue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退訂退款</source>
        <translation>Terminations and refunds</translation>
    </message>
</context>
<context>
    <name>DataWatch</name>
    <message>
        <location filename="../../backoffice/views/data_watch.py" line="+51"/>
        <source>資料已更新，按 F5 重新整理</source>
        <translation>Data changed: press F5 to refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他人員或另一個視窗修改了資料；目前畫面仍顯示先前載入的內容。</source>
        <translation>Someone else or another window changed the data; this screen still shows what was loaded before.</translation>
    </message>
</context>
<context>
    <name>DeadlinesTableModel</name>
    <message>
        <location filename="../../backoffice/views/orders/orders_model.py" line="+126"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>起算日</source>
        <translation>Clock starts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期限日</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成日</source>
        <translation>Done on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>判定</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>依據</source>
        <translation>Basis</translation>
    </message>
</context>
<context>
    <name>DecisionDialogs</name>
    <message>
        <location filename="../../backoffice/views/applications/review/dialogs.py" line="+36"/>
        <source>PIN 狀態正常</source>
        <translation>PIN state OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注意：這張卡片先前曾輸入錯誤的 PIN</source>
        <translation>Note: a wrong PIN was entered on this card before</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>警告：最後一次機會，再輸入錯誤 PIN 將鎖卡</source>
        <translation>Warning: last try; one more wrong PIN locks the card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN 已鎖住，無法簽章；請洽發卡單位解鎖</source>
        <translation>PIN locked; cannot sign. Ask the issuer to unlock it</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>無法產生通知信預覽：%1</source>
        <translation>Cannot build the e-mail preview: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申請人未留電子郵件，不會寄出通知信。</source>
        <translation>The applicant left no e-mail address; no e-mail will be sent.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>收件人：%1</source>
        <translation>To: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主旨：%1</source>
        <translation>Subject: %1</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <location filename="../../backoffice/views/refunds/case_view.py" line="-194"/>
        <source>佐證資料（供應商服務紀錄、往來文件）</source>
        <translation>Evidence (vendor service logs, correspondence)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>載入中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>顯示附件</source>
        <translation>Show attachment</translation>
    </message>
</context>
<context>
    <name>FinanceLabels</name>
    <message>
        <location filename="../../backoffice/views/finance/models.py" line="-41"/>
        <source>待檢核</source>
        <translation>To check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可撥付</source>
        <translation>Payable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暫緩</source>
        <translation>Held</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已撥付</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>駁回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>期程未結束</source>
        <translation>Term not ended</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未開立全額發票</source>
        <translation>No full e-invoice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自付款未付清</source>
        <translation>Self-pay unpaid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退訂退款案未結</source>
        <translation>Refund case open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超過可請撥點數</source>
        <translation>Over claim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重複請撥</source>
        <translation>Duplicate claim</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>待核准</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已核准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已對帳完畢</source>
        <translation>Reconciled</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>待銀行回覆</source>
        <translation>Awaiting the bank</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已付款</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>付款失敗</source>
        <translation>Payment failed</translation>
    </message>
</context>
<context>
    <name>FinancePage</name>
    <message>
        <location filename="../../backoffice/views/finance/finance_screen.py" line="+19"/>
        <source>請撥核銷</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>請撥案件</source>
        <translation>Claims</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撥款批次</source>
        <translation>Payment batches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>95A 扣繳憑單</source>
        <translation>95A statements</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <location filename="../../backoffice/views/applications/review/dialogs.py" line="+148"/>
        <source>查證待查項目</source>
        <translation>Verify a pending item</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✔ 符合</source>
        <translation>✔ Meets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✘ 不符</source>
        <translation>✘ Does not meet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查證方式與結果（必填），例如：經濟部商工登記查詢，實收資本額 500 萬元</source>
        <translation>How it was verified and what was found (required), e.g. company registry: paid-in capital NT$5,000,000</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>審查項目：</source>
        <translation>Item:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查證結果：</source>
        <translation>Finding:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>說明：</source>
        <translation>Note:</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../backoffice/views/refunds/refunds_model.py" line="+19"/>
        <source>時間</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>動作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人員</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>JobErrors</name>
    <message>
        <location filename="../../backoffice/views/jobs.py" line="+307"/>
        <source>發生未預期的錯誤，操作未完成。請將詳細資料提供給系統管理員。</source>
        <translation>An unexpected error stopped the operation. Please give the details to your system administrator.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您沒有執行此操作的權限。</source>
        <translation>You are not allowed to do this.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作逾時，請稍後再試。</source>
        <translation>The operation timed out. Please try again later.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>無法讀寫檔案或裝置。</source>
        <translation>A file or device cannot be read or written.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>資料庫檔案已被刪除或取代，剛才的操作沒有儲存。請勿繼續作業：關閉程式，並請系統管理員從備份還原資料庫後再開啟。</source>
        <translation>The database file was deleted or replaced: the last action was NOT saved. Stop working: close the program and ask the administrator to restore the database from a backup before opening it again.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>資料庫為唯讀（檔案或資料夾沒有寫入權限，或伺服器設為唯讀），剛才的變更沒有儲存。請系統管理員確認資料庫的寫入權限。</source>
        <translation>The database is read-only (no write permission on the file or its folder, or the server is read-only); the change was not saved. Ask the administrator to check write access to the database.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>資料庫磁碟空間已滿，剛才的操作沒有儲存，您輸入的內容仍保留。請系統管理員清出空間後再試一次。</source>
        <translation>The database disk is full: the last operation was not saved and what you typed is kept. Ask the administrator to free space, then try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>資料庫檔案已毀損或不是資料庫，剛才的操作沒有儲存。請勿繼續作業，並請系統管理員從備份還原。</source>
        <translation>The database file is damaged or not a database: the last operation was not saved. Stop working and ask the administrator to restore it from a backup.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>無法使用資料庫檔案（可能被鎖住、損毀或磁碟已滿），操作未完成。</source>
        <translation>The database file cannot be used (locked, damaged or the disk is full); the operation was not completed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>無法連線資料庫。請確認資料庫服務與網路後再試一次。</source>
        <translation>The database cannot be reached. Check the database service and the network, then try again.</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>資料與既有紀錄衝突（例如重複），未儲存任何變更。</source>
        <translation>The data conflicts with an existing record (for example a duplicate); nothing was saved.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>這筆資料已被其他同仁修改。請重新整理後再試。</source>
        <translation>Someone else changed this record. Refresh and try again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+44"/>
        <source>資料庫回報錯誤，操作未完成，未儲存任何變更。</source>
        <translation>The database reported an error; the operation stopped and nothing was saved.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>操作未完成</source>
        <translation>Operation not completed</translation>
    </message>
    <message>
        <location filename="../../backoffice/views/applications/queue_screen.py" line="+63"/>
        <source>此案件已由 %1 承辦，請選擇其他案件。</source>
        <translation>%1 already holds this case; please choose another one.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>您未承辦此案件，不能執行此操作。</source>
        <translation>You do not hold this case, so you cannot do this.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此案件已結案，不能認領。</source>
        <translation>This case is closed and cannot be claimed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此案件已結案，承辦紀錄保留，不能釋出。</source>
        <translation>This case is closed: who handled it stays on record, so it cannot be released.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查詢條件有誤，請檢查篩選條件（例如送件日起訖）。</source>
        <translation>The query cannot be run; please check the filters (for example the submission dates).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此認領尚未逾時（2 個工作天），不能由主管釋出。</source>
        <translation>This claim is not stale yet (2 working days); a supervisor cannot release it.</translation>
    </message>
    <message>
        <source>此認領尚未逾時（2 天），不能由主管釋出。</source>
        <translation type="vanished">This claim is not stale yet (2 days); a supervisor cannot release it.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../backoffice/services/vocabulary.py" line="+45"/>
        <source>已送件</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>審核中</source>
        <translation>Under review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待補件</source>
        <translation>Awaiting documents</translation>
    </message>
    <message>
        <source>已核准</source>
        <translation type="vanished">Approved</translation>
    </message>
    <message>
        <source>不予核准</source>
        <translation type="vanished">Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已核定</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予核定</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>使用中</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未使用已返還</source>
        <translation>Lapsed (unused)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已逾期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已用罄</source>
        <translation>Used up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已重新開通</source>
        <translation>Reactivated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已撤銷</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>待廠商接單</source>
        <translation>Awaiting vendor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已接單待付款</source>
        <translation>Confirmed, awaiting payment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已付款待確認</source>
        <translation>Paid, awaiting confirmation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單確認</source>
        <translation>Payment confirmed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已開發票</source>
        <translation>Invoiced</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>服務中</source>
        <translation>In service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>廠商拒單</source>
        <translation>Rejected by vendor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已退訂</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>待雙方確認</source>
        <translation>Awaiting confirmations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>雙方已確認</source>
        <translation>Confirmed by both</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有爭議</source>
        <translation>Disputed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移承辦人處理</source>
        <translation>Escalated to an officer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承辦人已處理</source>
        <translation>Resolved by an officer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待主管核定</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主管已核准</source>
        <translation>Approved by a supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>主管退回</source>
        <translation>Returned by a supervisor</translation>
    </message>
</context>
<context>
    <name>LedgerTableModel</name>
    <message>
        <location filename="../../backoffice/views/points/accounts_model.py" line="+78"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>異動</source>
        <translation>Movement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>點數</source>
        <translation>Points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>餘額</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>依據</source>
        <translation>Basis</translation>
    </message>
</context>
<context>
    <name>LinesTableModel</name>
    <message>
        <location filename="../../backoffice/views/finance/models.py" line="+58"/>
        <source>明細參考號</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>請撥案號</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>銀行付款日</source>
        <translation>Bank payment date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>說明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>銀行金額不符：%1（未採用）</source>
        <translation>Bank amount differs: %1 (not accepted)</translation>
    </message>
</context>
<context>
    <name>LotsTableModel</name>
    <message>
        <location filename="../../backoffice/views/points/accounts_model.py" line="-34"/>
        <source>來源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>入帳日</source>
        <translation>Credited on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效期限</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原始點數</source>
        <translation>Initial</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>剩餘點數</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>依據</source>
        <translation>Basis</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../backoffice/views/main_window.py" line="+34"/>
        <source>承辦人</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主管</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>財務</source>
        <translation>Finance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系統管理員</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+237"/>
        <source>檔案(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新整理</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>結束</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>檢視(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>語言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>說明(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+80"/>
        <source>關於</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>示範資料庫：畫面上的申請人、訂單與金額皆為虛構資料，不得作為正式作業依據。</source>
        <translation>Demo database: the applicants, orders and amounts shown are fictitious and must not be used for real work.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+80"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="-77"/>
        <source>登入人員：%1（%2）</source>
        <translation>Signed in: %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>資料庫：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>臺灣雲市集 數位點數補助 後台</source>
        <translation>Taiwan Cloud Marketplace Digital Points — Back Office</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>［示範］</source>
        <translation>[demo]</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>臺灣雲市集 數位點數補助 後台
版本 %1

依「點數申請須知」辦理點數審核、核發、訂單、退款與請撥核銷。</source>
        <translation>Taiwan Cloud Marketplace Digital Points — Back Office
Version %1

Review, grants, orders, refunds and reimbursement under the points Guidelines.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>背景作業</source>
        <translation>Background task</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>作業尚未完成</source>
        <translation>Task still running</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>「%1」仍在進行中，現在結束程式嗎？</source>
        <translation>“%1” is still running. Quit now?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成後結束：檔案寫完後自動關閉程式。
取消並結束：停止作業，不會留下不完整的檔案。
繼續使用：不結束，作業繼續進行。</source>
        <translation>Quit when done: the program closes once the file is written.
Cancel and quit: the task stops; no incomplete file is left.
Keep working: do not quit; the task goes on.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>完成後結束</source>
        <translation>Quit when done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消並結束</source>
        <translation>Cancel and quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>繼續使用</source>
        <translation>Keep working</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>作業結束後將關閉程式…</source>
        <translation>The program closes when the task ends…</translation>
    </message>
</context>
<context>
    <name>NationalIdReveal</name>
    <message>
        <location filename="../../backoffice/views/applications/review/reveal_id.py" line="+77"/>
        <source>顯示完整身分證字號…</source>
        <translation>Show the full ID number…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>僅主管可查看；查看會記錄於稽核紀錄</source>
        <translation>Supervisors only; each viewing is recorded in the audit log</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>顯示完整身分證字號</source>
        <translation>Show the full ID number</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已記錄本次查看（稽核紀錄 #%1）</source>
        <translation>This viewing was recorded (audit event #%1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>僅主管可查看完整身分證字號；此次嘗試已記錄。</source>
        <translation>Only a supervisor may see the full ID number; this attempt was recorded.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此申請者未登錄身分證字號。</source>
        <translation>No ID number is on record for this applicant.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>請填寫 1 至 200 字的查看原因。</source>
        <translation>Give a reason of 1 to 200 characters.</translation>
    </message>
</context>
<context>
    <name>OrderEventsTableModel</name>
    <message>
        <location filename="../../backoffice/views/orders/orders_model.py" line="+36"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事件</source>
        <translation>Event</translation>
    </message>
</context>
<context>
    <name>OrderLabels</name>
    <message>
        <location line="-142"/>
        <location line="+15"/>
        <source>廠商確認接單</source>
        <translation>Vendor confirms the order</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>申請單位付清自付款</source>
        <translation>Applicant pays the self-pay</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>廠商開立全額電子發票</source>
        <translation>Vendor issues the full e-invoice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>廠商開始提供服務</source>
        <translation>Service starts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>如期</source>
        <translation>Met</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>進行中</source>
        <translation>Running</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期</source>
        <translation>Breached</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可能逾期（暫定行事曆）</source>
        <translation>Possibly late (provisional calendar)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚未起算</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單已結束</source>
        <translation>Order closed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>送出訂單</source>
        <translation>Order submitted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>付清自付款</source>
        <translation>Self-pay paid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單確認</source>
        <translation>Payment confirmed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>開立發票</source>
        <translation>Invoice issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>開始服務</source>
        <translation>Service started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>廠商拒單</source>
        <translation>Rejected by vendor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退訂</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（暫定）</source>
        <translation> (provisional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>統一編號 %1</source>
        <translation>UBN %1</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../backoffice/views/orders/orders_screen.py" line="+76"/>
        <source>訂單</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>搜尋統一編號、名稱或訂單編號</source>
        <translation>Search UBN, name or order number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部狀態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部期限</source>
        <translation>All deadlines</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>逾期或可能逾期</source>
        <translation>Breached or possibly late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期</source>
        <translation>Breached</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>可能逾期（暫定行事曆）</source>
        <translation>Possibly late (provisional calendar)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>無逾期</source>
        <translation>No breach</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部廠商</source>
        <translation>All vendors</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>重新整理</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯出 Excel…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>將目前篩選的全部訂單匯出為 Excel 檔（含期限判定）</source>
        <translation>Export every order of the current filters to an Excel file (with deadline verdicts)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>取消匯出</source>
        <translation>Cancel export</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>載入中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>訂單明細</source>
        <translation>Order details</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+209"/>
        <source>請在上方選擇一筆訂單。</source>
        <translation>Select an order above.</translation>
    </message>
    <message>
        <location line="-203"/>
        <source>訂單總額（含稅）</source>
        <translation>Order total (tax incl.)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>點數折抵</source>
        <translation>Points used</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自付款</source>
        <translation>Self-pay</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已付自付款</source>
        <translation>Self-pay paid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>方案期程</source>
        <translation>Plan term</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>期限（須知八(四)、手冊 步驟4）</source>
        <translation>Deadlines (須知八(四), 手冊 步驟4)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>訂單事件</source>
        <translation>Order events</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>載入廠商</source>
        <translation>Loading vendors</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>載入訂單</source>
        <translation>Loading orders</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>無法載入訂單：%1</source>
        <translation>Cannot load the orders: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>沒有符合條件的訂單。</source>
        <translation>No order matches.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期限判定日：%1。紅色＝逾期；黃色＝以暫定行事曆計算可能逾期（該年度辦公日曆表尚未匯入）。</source>
        <translation>Deadlines judged on %1. Red = breached; amber = possibly late, computed with the provisional calendar (that year&apos;s office calendar is not imported).</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+24"/>
        <source>匯出訂單</source>
        <translation>Export orders</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>匯出中…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>正在取消匯出…</source>
        <translation>Cancelling the export…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>匯出中… %1／%2 筆</source>
        <translation>Exporting… %1 of %2 orders</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已匯出 %1 筆訂單至 %2</source>
        <translation>Exported %1 orders to %2</translation>
    </message>
    <message>
        <location line="-192"/>
        <source>載入訂單明細</source>
        <translation>Loading order details</translation>
    </message>
    <message>
        <location line="+200"/>
        <source>已取消匯出，未寫入任何檔案</source>
        <translation>Export cancelled; no file was written</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+2"/>
        <location line="+1"/>
        <source>新臺幣 %1 元</source>
        <translation>NT$%1</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>%1 點</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 個月</source>
        <translation>%1 months</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>依據：%1</source>
        <translation>Basis: %1</translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <location filename="../../backoffice/views/orders/orders_model.py" line="+23"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送出日</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請單位</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>廠商</source>
        <translation>Vendor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單總額</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>點數折抵</source>
        <translation>Points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自付款</source>
        <translation>Self-pay</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期限</source>
        <translation>Deadlines</translation>
    </message>
</context>
<context>
    <name>Pager</name>
    <message>
        <location filename="../../backoffice/views/table_kit.py" line="+196"/>
        <source>上一頁</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一頁</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>沒有符合條件的資料</source>
        <translation>Nothing matches</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第 %1–%2 筆，共 %3 筆</source>
        <translation>Rows %1–%2 of %3</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../backoffice/views/applications/review/dialogs.py" line="-53"/>
        <source>以憑證卡簽章</source>
        <translation>Sign with your card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>簽章人：%1
簽署內容：%2</source>
        <translation>Signer: %1
Signing: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>請輸入卡片 PIN 碼</source>
        <translation>Enter the card PIN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>請在讀卡機鍵盤上輸入 PIN</source>
        <translation>Enter the PIN on the reader&apos;s keypad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>簽章</source>
        <translation>Sign</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../backoffice/views/screens.py" line="+67"/>
        <source>此畫面尚未提供。</source>
        <translation>This screen is not available yet.</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../backoffice/views/applications/queue_model.py" line="+48"/>
        <source>中小企業</source>
        <translation>SME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>稅籍登記營利事業</source>
        <translation>Tax-registered business</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合作社</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>社會創新組織（非營利）</source>
        <translation>Social innovation (non-profit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>社會創新組織（營利）</source>
        <translation>Social innovation (for-profit)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>案號</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送件時間</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請單位</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>統一編號</source>
        <translation>UBN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請類型</source>
        <translation>Applicant type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>產業類別</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承辦人</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>處理期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>載入申請案件</source>
        <translation>Loading applications</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>計算案件數</source>
        <translation>Counting applications</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>待補件：補件期限；已送件或審核中：送件後第 10 個工作天（不含送件當日）。
此欄不能排序（兩種期限算法不同）：依「送件時間」排序即是審核期限的先後，逾期案件請在篩選選「僅逾期」。</source>
        <translation>Awaiting documents: the supplement deadline; submitted or under review: the 10th working day after submission (the day of submission not counted).
This column cannot be sorted (the two deadlines are counted differently): sorting by Submitted orders the review deadlines, and the filter “Overdue only” picks the late cases.</translation>
    </message>
    <message>
        <source>待補件：補件期限；已送件或審核中：送件後第 10 個工作天（不含送件當日）。</source>
        <translation type="vanished">Awaiting supplement: the supplement deadline; submitted or under review: the 10th working day after submission (the submission day not counted).</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>未分派</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 逾期</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>補件期限</source>
        <translation>Supplement deadline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>審查期限（送件後 10 個工作天）</source>
        <translation>Review due (10 working days after submission)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；*暫以備用行事曆計算（辦公日曆表尚未匯入）</source>
        <translation>; *provisional: computed with the fallback calendar (office calendar not imported)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 自 %2 起承辦</source>
        <translation>%1, holding it since %2</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>申請案件</source>
        <translation type="obsolete">Applications</translation>
    </message>
    <message>
        <source>認領案件</source>
        <translation type="obsolete">Claim case</translation>
    </message>
    <message>
        <source>釋出案件</source>
        <translation type="obsolete">Release case</translation>
    </message>
    <message>
        <source>主管釋出逾時認領</source>
        <translation type="obsolete">Supervisor released a stale claim</translation>
    </message>
</context>
<context>
    <name>QueueScreen</name>
    <message>
        <location filename="../../backoffice/views/applications/queue_screen.py" line="+21"/>
        <source>申請案件</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+F：搜尋；↓：移到結果清單；Enter：開啟所選案件</source>
        <translation>Ctrl+F: search; ↓: go to the results; Enter: open the selected case</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>搜尋統一編號（開頭）、申請單位名稱或案號&#x3000;Ctrl+F</source>
        <translation>Search UBN (prefix), applicant name or case no.  Ctrl+F</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>儲存篩選…</source>
        <translation>Save filter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+356"/>
        <source>刪除篩選</source>
        <translation>Delete filter</translation>
    </message>
    <message>
        <location line="-351"/>
        <source>常用篩選</source>
        <translation>Saved filters</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>待處理（未結案）</source>
        <translation>To do (open cases)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部狀態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>未結案</source>
        <translation type="vanished">Open cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>預設顯示待處理的案件（已送件、審核中、待補件），送件最早者在前</source>
        <translation>Shows the cases waiting for an officer by default (submitted, under review, supplement requested), oldest first</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>全部類型</source>
        <translation>All types</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部大類</source>
        <translation>All sections</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>不限期限</source>
        <translation>Any due date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>僅逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未逾期</source>
        <translation>Not overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清除條件</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>送件日</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>開啟案件</source>
        <translation>Open case</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+388"/>
        <source>認領案件</source>
        <translation>Claim case</translation>
    </message>
    <message>
        <location line="-387"/>
        <location line="+390"/>
        <source>釋出案件</source>
        <translation>Release case</translation>
    </message>
    <message>
        <location line="-389"/>
        <location line="+402"/>
        <source>主管釋出逾時認領</source>
        <translation>Release stale claim (supervisor)</translation>
    </message>
    <message>
        <location line="-346"/>
        <source>開啟所選案件（Enter 或按兩下）</source>
        <translation>Open the selected case (Enter or double-click)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>認領所選案件（Ctrl+Shift+C）</source>
        <translation>Claim the selected case (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>送件日起日 %1 晚於迄日 %2，請調整日期</source>
        <translation>Submitted from %1 is after %2; please adjust the dates</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>全部中類</source>
        <translation>All divisions</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>全部承辦人</source>
        <translation>All officers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未分派</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>我的案件</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>載入承辦人與常用篩選</source>
        <translation>Loading officers and saved filters</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>（選擇常用篩選）</source>
        <translation>(choose a saved filter)</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+16"/>
        <source>儲存篩選</source>
        <translation>Save filter</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>篩選名稱：</source>
        <translation>Filter name:</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>⚠ 統一編號 %1 檢查碼不符，請確認號碼</source>
        <translation>⚠ UBN %1: the check digit does not match; please check the number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⚠ 統一編號應為 8 位數字</source>
        <translation>⚠ A UBN has 8 digits</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>依統一編號／案號查詢：不限案件狀態（含已結案）</source>
        <translation>Search by UBN or case number: all statuses (closed cases included)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>超過 %1 件</source>
        <translation>More than %1 cases</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>共 %1 件</source>
        <translation>%1 cases</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>無法載入：%1</source>
        <translation>Could not load: %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1：尚無承辦人</source>
        <translation>%1: nobody holds this case</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1：已結案，承辦人 %2</source>
        <translation>%1: closed; handled by %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1：由您承辦（%2 起）</source>
        <translation>%1: you hold this case (since %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1：由 %2 承辦（%3 起），您不能審核此案</source>
        <translation>%1: held by %2 (since %3); you cannot decide it</translation>
    </message>
</context>
<context>
    <name>RefundLabels</name>
    <message>
        <location filename="../../backoffice/views/refunds/refunds_model.py" line="-110"/>
        <source>申請單位</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>供應商</source>
        <translation>Vendor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>逾期未確認，移送承辦</source>
        <translation>Window ended unconfirmed: escalated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承辦認定</source>
        <translation>Officer&apos;s finding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送主管核定</source>
        <translation>Submit for approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主管核准並入帳</source>
        <translation>Approved and posted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主管退回</source>
        <translation>Returned by a supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自付款已退還</source>
        <translation>Self-pay refunded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>同意</source>
        <translation>Agrees</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不同意</source>
        <translation>Disagrees</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已簽章</source>
        <translation>signed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 天</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已截止</source>
        <translation>Ended</translation>
    </message>
</context>
<context>
    <name>RefundsPage</name>
    <message>
        <location filename="../../backoffice/views/refunds/refunds_screen.py" line="+69"/>
        <source>退訂退款</source>
        <translation>Terminations and refunds</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部案件</source>
        <translation>All cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待我核定</source>
        <translation>Awaiting my approval</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>搜尋終止編號、訂單編號或申請單位</source>
        <translation>Search termination, order or applicant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>未結案件</source>
        <translation>Open cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部狀態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>確認期限不限</source>
        <translation>Any window</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2 日內截止或已截止</source>
        <translation>Window ends within 2 days or ended</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7 日內截止或已截止</source>
        <translation>Window ends within 7 days or ended</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部廠商</source>
        <translation>All vendors</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有爭議</source>
        <translation>Disputed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自付款逾期未退</source>
        <translation>Self-pay refund overdue</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>重新整理</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>載入中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>黃色＝確認期限 2 日內截止；紅色＝確認期限已過仍待確認，或供應商逾期未退自付款；＊＝曾有一方不同意。</source>
        <translation>Amber = the window ends within 2 days; red = the window ended unconfirmed, or the vendor has not refunded the self-pay in time; * = a party disagreed.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>承辦認定…</source>
        <translation>Officer&apos;s finding…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>送主管核定</source>
        <translation>Submit for approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>加入佐證…</source>
        <translation>Add evidence…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>核准並入帳（簽章）</source>
        <translation>Approve and post (sign)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回承辦（簽章）…</source>
        <translation>Return to officer (sign)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登錄自付款退還…</source>
        <translation>Record self-pay refund…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>僅主管可核定</source>
        <translation>Only supervisors approve</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>載入廠商</source>
        <translation>Loading vendors</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>載入退款案件</source>
        <translation>Loading refund cases</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>無法載入退款案件：%1</source>
        <translation>Cannot load refund cases: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>沒有符合條件的案件。</source>
        <translation>No cases match.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>載入案件明細</source>
        <translation>Loading the case</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>您曾準備、認定或送核此案，須由另一位主管核定（四眼原則）</source>
        <translation>You prepared, resolved or submitted this case: another supervisor must decide (four eyes)</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>試算</source>
        <translation>Computing</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已記錄承辦認定，金額已依新的最後服務日重新計算</source>
        <translation>Finding recorded; the figures were recomputed from the new last day of service</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>儲存認定</source>
        <translation>Save finding</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已送主管核定</source>
        <translation>Submitted for approval</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>送核</source>
        <translation>Submitting</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+16"/>
        <source>加入佐證</source>
        <translation>Add evidence</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>PDF 或影像 (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>PDF or image (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已加入佐證</source>
        <translation>Evidence added</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已登錄自付款退還</source>
        <translation>Self-pay refund recorded</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登錄自付款退還</source>
        <translation>Record self-pay refund</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+24"/>
        <source>退回承辦</source>
        <translation>Return to officer</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>請說明退回理由（將記錄於案件歷程並簽章）</source>
        <translation>Why is it returned? (recorded in the history and signed)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>讀取主管憑證卡</source>
        <translation>Reading the supervisor&apos;s card</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>核准退款並入帳</source>
        <translation>Approve the refund and post it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（點數返還 %1 點，自付款退還 NT$%2）</source>
        <translation> (points returned %1, self-pay refund NT$%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>確認（示範資料庫，不簽章）</source>
        <translation>Confirm (demo database, not signed)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已取消簽章</source>
        <translation>Signing cancelled</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>已核准並入帳</source>
        <translation>Approved and posted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已退回承辦</source>
        <translation>Returned to the officer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>；簽章已驗證</source>
        <translation>; signature verified</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>；未簽章（示範資料庫）</source>
        <translation>; unsigned (demo database)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>簽章並儲存</source>
        <translation>Signing and saving</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>四眼原則：您曾準備、認定或送核此案，須由另一位主管核定</source>
        <translation>Four eyes: you prepared, resolved or submitted this case; another supervisor must decide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您沒有執行此動作的權限</source>
        <translation>You may not do this</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>案件狀態已變更（目前：%1），請重新整理</source>
        <translation>The case changed (now: %1); refresh</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>最後服務日須在契約期間內</source>
        <translation>The last day of service must lie within the contract</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>請填寫理由</source>
        <translation>Give a reason</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>無法登錄自付款退還：%1</source>
        <translation>Cannot record the self-pay refund: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>須以主管憑證卡簽章（未設定 PKCS#11 模組或未綁定憑證）</source>
        <translation>A supervisor&apos;s card signature is required (no PKCS#11 module or no bound certificate)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>簽章所用的卡片不是您綁定的憑證卡</source>
        <translation>The signing card is not your bound card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>請將您的憑證卡插入讀卡機</source>
        <translation>Insert your card in a reader</translation>
    </message>
</context>
<context>
    <name>RefundsTableModel</name>
    <message>
        <location filename="../../backoffice/views/refunds/refunds_model.py" line="+18"/>
        <source>終止編號</source>
        <translation>Termination</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單編號</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請單位</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>廠商</source>
        <translation>Vendor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>狀態</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>確認期限</source>
        <translation>Confirm by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>剩餘</source>
        <translation>Left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已用／期程</source>
        <translation>Used / term</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>點數返還</source>
        <translation>Points refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自付款退還</source>
        <translation>Self-pay refund</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../backoffice/views/applications/review/dialogs.py" line="-111"/>
        <source>不予核定</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>此理由不適用於本案（未曾通知補件，或補件期限尚未屆滿）</source>
        <translation>This reason does not apply to this case (no supplement was requested, or its deadline has not passed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>說明（選「其他」時必填）</source>
        <translation>Note (required for &quot;Other&quot;)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>說明：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>通知信預覽：</source>
        <translation>E-mail preview:</translation>
    </message>
</context>
<context>
    <name>ReleaseStaleDialog</name>
    <message>
        <location filename="../../backoffice/views/applications/release_dialog.py" line="+12"/>
        <source>主管釋出逾時認領</source>
        <translation>Release a stale claim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>確定要釋出 %1 由 %2 自 %3 起的認領？案件將回到佇列，由其他承辦人認領。</source>
        <translation>Release the claim of %2 on %1 (held since %3)? The case goes back to the queue for another officer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>釋出原因（必填，記錄於稽核紀錄），例如：承辦人休假</source>
        <translation>Reason (required, kept in the audit log), e.g. the officer is on leave</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>釋出認領</source>
        <translation>Release claim</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../backoffice/views/refunds/dialogs.py" line="+35"/>
        <source>承辦認定</source>
        <translation>Officer&apos;s finding</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>認定理由與所依據之佐證（例如：供應商服務紀錄）</source>
        <translation>Reason and the evidence it rests on (e.g. the vendor&apos;s service log)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>最後服務日 E</source>
        <translation>Last day of service E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原計算</source>
        <translation>Before</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新計算</source>
        <translation>After</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>最後服務日</source>
        <translation>Last day of service</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已使用月數</source>
        <translation>Months used</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>點數返還</source>
        <translation>Points refund</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>自付款退還</source>
        <translation>Self-pay refund</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>儲存認定</source>
        <translation>Save finding</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>最後服務日須在契約期間內（%1 至 %2）</source>
        <translation>The last day of service must lie within the contract (%1 to %2)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>依據：</source>
        <translation>Basis: </translation>
    </message>
</context>
<context>
    <name>RevealReasonDialog</name>
    <message>
        <location filename="../../backoffice/views/applications/review/reveal_id.py" line="-88"/>
        <source>顯示完整身分證字號</source>
        <translation>Show the full ID number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>查看原因（必填），例如：核對憑證卡持有人身分</source>
        <translation>Why you need it (required), e.g. checking the card holder&apos;s identity</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>身分證字號：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看完整身分證字號會記錄於稽核紀錄（查看人、時間、原因）。</source>
        <translation>Viewing the full ID number is recorded in the audit log (who, when, why).</translation>
    </message>
</context>
<context>
    <name>ReviewPanels</name>
    <message>
        <location filename="../../backoffice/views/applications/review/panels.py" line="+44"/>
        <source>✔ 符合</source>
        <translation>✔ Met</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✘ 不符</source>
        <translation>✘ Not met</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>？ 待查</source>
        <translation>? To check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>— 不適用</source>
        <translation>— N/A</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>查詢成功</source>
        <translation>Query succeeded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>後端系統問題失敗（可重查）</source>
        <translation>Failed: back-end fault (may retry)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>失敗（需重新授權）</source>
        <translation>Failed (new authorisation needed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>臨櫃</source>
        <translation>At the desk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>承辦人認領案件</source>
        <translation>Officer claimed the case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承辦人釋出案件</source>
        <translation>Officer released the case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主管釋出逾時認領</source>
        <translation>Supervisor released a stale claim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>臨櫃查驗憑證</source>
        <translation>Card verified at the desk</translation>
    </message>
    <message>
        <source>核定（已簽章）</source>
        <translation type="vanished">Approved (signed)</translation>
    </message>
    <message>
        <source>不予核定（已簽章）</source>
        <translation type="vanished">Rejected (signed)</translation>
    </message>
    <message>
        <source>通知補件（已簽章）</source>
        <translation type="vanished">Supplement requested (signed)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核定</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予核定</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通知補件</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增附件</source>
        <translation>Attachment added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查證待查項目</source>
        <translation>Verify a pending item</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>平台送件</source>
        <translation>submitted on the platform</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平台既有紀錄</source>
        <translation>platform record</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>公司</source>
        <translation>company</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分公司</source>
        <translation>branch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外國公司分公司</source>
        <translation>foreign company branch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商業</source>
        <translation>business</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自然人</source>
        <translation>individual</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>機關團體</source>
        <translation>organisation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（未簽章：示範資料庫，未使用憑證卡）</source>
        <translation> (not signed: demo database, no card used)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（已簽章：%1 的憑證，序號 %2）</source>
        <translation> (signed with the certificate of %1, serial %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（已簽章：憑證無法解讀）</source>
        <translation> (signed; the certificate cannot be read)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>狀態：</source>
        <translation>Status: </translation>
    </message>
    <message>
        <location line="+41"/>
        <source>中文</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>附表1 申請資料</source>
        <translation>Form 1: application</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>身分驗證</source>
        <translation>Identity verification</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>來源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+93"/>
        <source>結果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>憑證持有人/統編</source>
        <translation>Holder / UBN</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+244"/>
        <source>時間</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="-234"/>
        <source>申請時驗證方式：</source>
        <translation>Method at application: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申請時驗證方式：未記錄</source>
        <translation>Method at application: not recorded</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✔ 此方式符合申請身分之規定</source>
        <translation>✔ Allowed for this applicant type</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✘ 不符規定：</source>
        <translation>✘ Not allowed: </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>附表2／附表3 企業授權書</source>
        <translation>Forms 2 / 3: authorisations</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>此申請身分免附授權書</source>
        <translation>No forms needed for this type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✘ 未附授權書</source>
        <translation>✘ Forms missing</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>✔ 與申請相符</source>
        <translation>✔ matches the application</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✘ 與申請不符</source>
        <translation>✘ differs from the application</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公司/行號：</source>
        <translation>Company: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（今日在授權期間內）</source>
        <translation>(today is inside the period)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（今日不在授權期間內）</source>
        <translation>(today is outside the period)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授權期間：</source>
        <translation>Valid: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同意勾選：</source>
        <translation>Consent ticked: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>簽署日期：</source>
        <translation>Signed on: </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未簽署</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>負責人：</source>
        <translation>Representative: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未查詢</source>
        <translation>No query yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查詢紀錄：</source>
        <translation>Queries: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>可再查詢一次</source>
        <translation>One more query allowed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不可再查詢：</source>
        <translation>No further query: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>單次查詢規則：</source>
        <translation>One-query rule: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>問題：</source>
        <translation>Problems: </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>審查項目</source>
        <translation>Check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>依據條款</source>
        <translation>Clauses</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>證據／說明</source>
        <translation>Evidence / notes</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>（紀錄）</source>
        <translation> (recorded)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（已查證）</source>
        <translation> (verified)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>資格審查（依點數申請須知計算）</source>
        <translation>Eligibility (computed from the Guidelines)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>查證待查項目…</source>
        <translation>Verify pending item…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>記錄您對所選「待查」項目的查證結果（符合／不符）與說明</source>
        <translation>Record your finding (meets / does not meet) and a note on the selected pending item</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>整體結果：符合資格</source>
        <translation>Overall: eligible</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>整體結果：有不符項目，不得核定</source>
        <translation>Overall: some checks fail; cannot be approved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>整體結果：尚有待查項目，請查證後決定</source>
        <translation>Overall: some checks are open; verify before deciding</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>案件歷程</source>
        <translation>Case history</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>人員</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>系統</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../backoffice/views/applications/review_screen.py" line="+96"/>
        <location line="+122"/>
        <source>案件審查</source>
        <translation>Case review</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>← 返回申請案件</source>
        <translation>← Back to applications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回到申請案件清單（Esc）</source>
        <translation>Back to the application list (Esc)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>案件歷程</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+202"/>
        <source>認領案件</source>
        <translation>Claim case</translation>
    </message>
    <message>
        <location line="-201"/>
        <location line="+210"/>
        <source>釋出案件</source>
        <translation>Release case</translation>
    </message>
    <message>
        <location line="-209"/>
        <source>臨櫃查驗申請人憑證卡</source>
        <translation>Verify the applicant&apos;s card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核定並簽章</source>
        <translation>Approve and sign</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>不予核定…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通知補件…</source>
        <translation>Request supplement…</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>載入案件</source>
        <translation>Load case</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>案件 %1&#x3000;%2（%3）</source>
        <translation>Case %1  %2 (%3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（期限 %1）</source>
        <translation> (due %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>狀態：</source>
        <translation>Status: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>決定：%1（%2）</source>
        <translation>Decided by %1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>承辦：%1（%2 認領）</source>
        <translation>Held by %1 (claimed %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>承辦：尚未認領</source>
        <translation>Not claimed</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>此案件由其他承辦人認領，您不能決定</source>
        <translation>Another officer holds this case; you cannot decide it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>資格審查有不符項目，不得核定</source>
        <translation>Checklist items fail: cannot approve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚有待查項目：請先以「查證待查項目…」記錄查證結果</source>
        <translation>Items are still pending: record your finding with “Verify pending item…” first</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>您的帳號尚未綁定憑證卡：請系統管理員以「backoffice-admin officer add --from-card」登錄您的憑證卡。</source>
        <translation>No card certificate is bound to your account: the administrator registers your card with “backoffice-admin officer add --from-card”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本機找不到 PKCS#11 模組 %1：請系統管理員確認 BACKOFFICE_PKCS11_MODULE 的設定。</source>
        <translation>The PKCS#11 module %1 is not on this computer: the administrator checks the BACKOFFICE_PKCS11_MODULE setting.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本機未設定 PKCS#11 模組：請系統管理員設定 BACKOFFICE_PKCS11_MODULE。</source>
        <translation>No PKCS#11 module is configured on this computer: the administrator sets BACKOFFICE_PKCS11_MODULE.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不能簽署決定：</source>
        <translation>You cannot sign decisions here: </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>示範資料庫：未使用憑證卡，決定將不簽章。</source>
        <translation>Demo database: no card is used, decisions will not be signed.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>（您輸入的內容已保留，再開啟對話框即可沿用）</source>
        <translation> (what you typed is kept: open the dialog again to use it)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已認領此案件</source>
        <translation>Case claimed</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已釋出此案件</source>
        <translation>Case released</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>讀取申請人憑證卡</source>
        <translation>Reading the applicant&apos;s card</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>中文</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✔ 臨櫃查驗通過：</source>
        <translation>✔ Desk verification passed: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✘ 臨櫃查驗未通過：</source>
        <translation>✘ Desk verification failed: </translation>
    </message>
    <message>
        <location line="+75"/>
        <source>已記錄查證結果</source>
        <translation>Finding recorded</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>記錄查證結果</source>
        <translation>Recording the finding</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>讀取承辦人憑證卡</source>
        <translation>Reading your card</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>核定並核發點數</source>
        <translation>Approve and grant points</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不予核定</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通知補件</source>
        <translation>Request a supplement</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已取消簽章</source>
        <translation>Signing cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>請輸入 PIN 以簽章</source>
        <translation>Enter your PIN to sign</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>簽章並儲存決定</source>
        <translation>Signing and saving the decision</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已核定，核發 %1 點</source>
        <translation>Approved: %1 points granted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已不予核定</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已通知補件</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>；簽章驗證有效</source>
        <translation>; signature verified</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>；未簽章（示範資料庫）</source>
        <translation>; unsigned (demo database)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>；通知信已排入寄送佇列</source>
        <translation>; notification e-mail queued</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>您未認領此案件（或已被他人認領），不能決定</source>
        <translation>You do not hold this case (or someone else does); you cannot decide it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此案件已結案，承辦紀錄保留，不能釋出</source>
        <translation>This case is closed: who handled it stays on record, so it cannot be released</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此案件已由 %1 認領</source>
        <translation>%1 holds this case</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>補助額度已用罄（剩餘 %1 點），無法核發</source>
        <translation>Budget exhausted (%1 points left): no grant possible</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此申請單位已有有效的點數核發，不得重複核發（須知八(一)）；決定未儲存</source>
        <translation>This applicant already holds a live points grant and cannot be granted twice (須知八(一)); the decision was not saved</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>尚有待查項目，請先記錄查證結果：</source>
        <translation>Items are still pending; record your finding first: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>資格審查有不符項目，不得核定：</source>
        <translation>Failing checks; cannot approve: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查證結果未記錄：此項目已非待查、說明空白，或案件已結案</source>
        <translation>Finding not recorded: the item is no longer pending, the note is empty, or the case is closed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>案件已被其他同仁更新，已重新載入，請確認後再決定</source>
        <translation>Someone else changed the case; it was reloaded, check it and decide again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此案件已結案，不能再決定</source>
        <translation>This case is closed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>理由或補件期限不正確</source>
        <translation>Invalid reason or deadline</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>決定須以您的憑證卡簽章：未設定 PKCS#11 模組或您尚未綁定憑證</source>
        <translation>Decisions must be signed with your card: no PKCS#11 module configured or no card bound to you</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>讀卡機中的卡片不是您綁定的憑證卡，請改插您自己的卡片</source>
        <translation>The card in the reader is not the one bound to you; insert your own card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>請將您的自然人憑證卡插入讀卡機後再試</source>
        <translation>Insert your citizen certificate card and try again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>請將申請人的憑證卡插入讀卡機後再試</source>
        <translation>Insert the applicant&apos;s card and try again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN 碼錯誤，決定未儲存；系統不會自動重試</source>
        <translation>Wrong PIN: nothing saved, and the PIN is not retried</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN 已鎖住，無法簽章；請洽發卡單位解鎖</source>
        <translation>PIN locked; cannot sign. Ask the issuer to unlock it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>卡片簽章失敗（PKCS#11），決定未儲存</source>
        <translation>The card could not sign (PKCS#11); nothing saved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您的角色不能審查案件</source>
        <translation>Your role may not review cases</translation>
    </message>
</context>
<context>
    <name>RocDateEdit</name>
    <message>
        <location filename="../../backoffice/views/date_field.py" line="+133"/>
        <source>輸入民國日期，例如 115/03/01</source>
        <translation>Type a ROC date, e.g. 115/03/01</translation>
    </message>
</context>
<context>
    <name>RocDateField</name>
    <message>
        <location line="-80"/>
        <source>輸入民國日期，例如 115/03/01；空白表示不限</source>
        <translation>Type a ROC date, e.g. 115/03/01; empty means no limit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>從月曆選擇日期</source>
        <translation>Pick a date from the calendar</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location filename="../../backoffice/views/screens.py" line="+25"/>
        <source>儀表板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請案件</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>點數帳戶</source>
        <translation>Points accounts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>訂單</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退訂退款</source>
        <translation>Terminations and refunds</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>請撥核銷</source>
        <translation>Settlement</translation>
    </message>
</context>
<context>
    <name>SelfPayPaidDialog</name>
    <message>
        <location filename="../../backoffice/views/refunds/dialogs.py" line="+47"/>
        <source>登錄自付款退還</source>
        <translation>Record self-pay refund</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>匯款編號或收據字號</source>
        <translation>Transfer or receipt reference</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退還金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新臺幣 %1 元</source>
        <translation>NT$%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退還日</source>
        <translation>Refunded on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>證明</source>
        <translation>Proof</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../backoffice/views/signin_dialog.py" line="+41"/>
        <source>自然人憑證</source>
        <translation>Citizen certificate (MOICA)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工商憑證</source>
        <translation>Business certificate (MOEACA)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>組織及團體憑證</source>
        <translation>Organisation certificate (XCA)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>政府憑證</source>
        <translation>Government certificate (GCA)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>無法辨識的憑證</source>
        <translation>Unrecognised certificate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已過期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚未生效</source>
        <translation>Not yet valid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已廢止</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不受信任（無法連到信任的憑證機構）</source>
        <translation>Untrusted (no chain to a trusted certificate authority)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>無法確認是否廢止（缺少或過期的 CRL），仍可登入</source>
        <translation>Revocation unknown (CRL missing or out of date); sign-in still allowed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PIN 狀態正常</source>
        <translation>PIN status normal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注意：這張卡片先前曾輸入錯誤的 PIN</source>
        <translation>Note: a wrong PIN was entered on this card before</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>警告：最後一次機會，再輸入錯誤 PIN 將鎖卡</source>
        <translation>Warning: last try; another wrong PIN locks the card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN 已鎖住，無法登入；請洽發卡單位解鎖</source>
        <translation>The PIN is locked; cannot sign in. Ask the card issuer to unlock it</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>承辦人員登入</source>
        <translation>Officer sign-in</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>示範登入（無卡片）Demo sign-in (no card)</source>
        <translation>Demo sign-in (no card)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>請將您的自然人憑證插入讀卡機。</source>
        <translation>Insert your citizen certificate card (MOICA) into the reader.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>讀卡機</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>卡片</source>
        <translation>Card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>持卡人</source>
        <translation>Holder</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>憑證驗證</source>
        <translation>Certificate check</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>承辦人員</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PIN 狀態</source>
        <translation>PIN state</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>輸入卡片 PIN 碼</source>
        <translation>Enter the card PIN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PIN 碼</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>重新讀取卡片</source>
        <translation>Read card again</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>示範登入（無卡片）</source>
        <translation>Demo sign-in (no card)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>全部角色</source>
        <translation>All roles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>示範登入的身分：全部角色，或一位示範人員（僅有其角色）</source>
        <translation>Who the demo sign-in acts as: all roles, or one demo person (with only their roles)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+193"/>
        <source>登入</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>示範登入中…</source>
        <translation>Signing in (demo)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>（有卡片）</source>
        <translation>(card present)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（無卡片）</source>
        <translation>(no card)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>找不到讀卡機，請連接讀卡機</source>
        <translation>No card reader found; connect a reader</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>卡片已移除</source>
        <translation>Card removed</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>讀卡服務無回應（PC/SC），請確認讀卡機驅動程式已啟動</source>
        <translation>The card service (PC/SC) does not answer; make sure the reader driver is running</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>請插入卡片</source>
        <translation>Insert a card</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>讀取卡片中…</source>
        <translation>Reading the card…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>讀取卡片</source>
        <translation>Reading the card</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{name}（身分證末四碼 ******{last4}）</source>
        <translation>{name} (ID number ending ******{last4})</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>驗證 PIN 並簽署登入挑戰中…</source>
        <translation>Verifying the PIN and signing the sign-in challenge…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>PIN 碼錯誤（卡片回報：{state}）。請確認後再輸入；系統不會自動重試。</source>
        <translation>Wrong PIN (card reports: {state}). Check it and enter it again; nothing is retried automatically.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未設定或無法載入 PKCS#11 模組（HiCOS），無法驗證 PIN</source>
        <translation>The PKCS#11 module (HiCOS) is not configured or cannot be loaded; the PIN cannot be verified</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PKCS#11 找不到與讀卡機中相同憑證的卡片，請確認只插入您自己的卡片</source>
        <translation>PKCS#11 finds no card with the certificate read from the reader; insert only your own card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>簽署時卡片被移除，請重新插入卡片</source>
        <translation>The card was removed while signing; insert it again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>卡片 PKCS#11 錯誤：{code}</source>
        <translation>Card PKCS#11 error: {code}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此憑證尚未登錄為承辦人員，請洽系統管理者</source>
        <translation>This certificate is not registered to an officer; ask the administrator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此承辦人員帳號已停用</source>
        <translation>This officer account is disabled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>憑證未通過驗證：{status}</source>
        <translation>The certificate failed validation: {status}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>卡片簽章驗證失敗，無法登入</source>
        <translation>The card&apos;s signature did not verify; cannot sign in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此資料庫不是示範資料庫，不能無卡片登入</source>
        <translation>This is not a demo database; sign-in without a card is not allowed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>卡片正被其他程式使用，請關閉該程式後按「重新讀取卡片」</source>
        <translation>Another program is using the card; close it and press “Read card again”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>讀取時卡片被移除，請重新插入卡片</source>
        <translation>The card was removed while reading; insert it again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>讀卡機中沒有卡片</source>
        <translation>No card in the reader</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>這不是政府憑證 IC 卡（HiCOS），請改插自然人憑證</source>
        <translation>This is not a government certificate card (HiCOS); insert your citizen certificate card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>無法讀取卡片，請重新插入後再試</source>
        <translation>Cannot read the card; insert it again and retry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發生未預期的錯誤：{kind}</source>
        <translation>Unexpected error: {kind}</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../backoffice/views/applications/review/dialogs.py" line="+30"/>
        <source>通知補件</source>
        <translation>Request a supplement</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>需補正的文件或事項</source>
        <translation>Documents or items to supplement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>補件期限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>補件事項：</source>
        <translation>Items:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>通知信預覽：</source>
        <translation>E-mail preview:</translation>
    </message>
</context>
<context>
    <name>TaxYearTab</name>
    <message>
        <location filename="../../backoffice/views/finance/tax_tab.py" line="+43"/>
        <source>所得年度 </source>
        <translation>Tax year </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>產製扣繳憑單…</source>
        <translation>Produce statements…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel、PDF（每一所得人一頁）與媒體申報檔 &lt;統編&gt;.&lt;年&gt;.U8</source>
        <translation>Excel, PDF (one page per recipient) and the e-filing file &lt;UBN&gt;.&lt;year&gt;.U8</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>選擇扣繳單位以預覽第一張憑單</source>
        <translation>Select a payer to preview its first statement</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>載入扣繳憑單</source>
        <translation>Loading statements</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 張憑單，給付總額 %2 元；申報期限 %3，填發期限 %4</source>
        <translation>%1 statements, gross NT$%2; filing due %3, delivery due %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 年各月撥付金額（元）</source>
        <translation>Paid per month, ROC year %1 (NT$)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本年度尚無已撥付之請撥案件</source>
        <translation>No claims paid in this year yet</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>預覽扣繳憑單</source>
        <translation>Previewing a statement</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>預覽需要 poppler（pdftoppm）；請改用匯出之 PDF</source>
        <translation>The preview needs poppler (pdftoppm); open the exported PDF instead</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>選擇存放扣繳憑單的資料夾</source>
        <translation>Choose a folder for the statements</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>產製扣繳憑單</source>
        <translation>Producing statements</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已產製 %1 張憑單，資料時點 %2：</source>
        <translation>%1 statements produced, as of %2:</translation>
    </message>
</context>
<context>
    <name>TermTimeline</name>
    <message>
        <location filename="../../backoffice/views/refunds/timeline.py" line="+118"/>
        <source>二分之一期程</source>
        <translation>Half the term</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F 提出終止 %1</source>
        <translation>F filed %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E 最後服務日 %1</source>
        <translation>E last day %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>確認期限 F+14 %1</source>
        <translation>Window F+14 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今天 %1</source>
        <translation>Today %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已使用 %1／%2 個月</source>
        <translation>%1 of %2 months used</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已使用達二分之一（含）以上期程：自付款不予退還（須知七(六)2）</source>
        <translation>Half the term or more used: the self-pay is not refunded (須知七(六)2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未達二分之一期程：點數及自付款依比例返還（須知七(六)1）</source>
        <translation>Less than half the term: points and self-pay refunded pro rata (須知七(六)1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未滿 1 個月以 1 個月計算（須知八(三)）</source>
        <translation>A started month counts in full (須知八(三))</translation>
    </message>
</context>
<context>
    <name>VendorTotalsModel</name>
    <message>
        <location filename="../../backoffice/views/finance/models.py" line="+12"/>
        <source>扣繳單位統一編號</source>
        <translation>Payer UBN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>扣繳單位</source>
        <translation>Payer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>憑單張數</source>
        <translation>Statements</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>給付總額</source>
        <translation>Gross</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扣繳稅額</source>
        <translation>Withheld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>給付淨額</source>
        <translation>Net</translation>
    </message>
</context>
</TS>
