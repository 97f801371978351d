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
        <location filename="../../backoffice/views/points/accounts_screen.py" line="+72"/>
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
        <location line="+1"/>
        <source>帳上點數合計</source>
        <translation>Ledger total</translation>
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
        <location line="+153"/>
        <location line="+1"/>
        <source>%1 點</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <location line="+12"/>
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
        <location filename="../../backoffice/views/applications/review/attachment_viewer.py" line="+33"/>
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
        <location line="+6"/>
        <source>附件（簽署表單掃描檔）</source>
        <translation>Attachments (scans of the signed forms)</translation>
    </message>
    <message>
        <location line="+19"/>
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
        <location line="+39"/>
        <source>此案件沒有附件</source>
        <translation>No attachments</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>載入中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>顯示附件</source>
        <translation>Show attachment</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>第 %1／%2 頁&#x3000;%3%</source>
        <translation>Page %1 of %2  %3%</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../backoffice/views/dashboard.py" line="+49"/>
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
        <location line="+9"/>
        <source>此資料庫尚未設定補助計畫；以下數字為 0。</source>
        <translation>No programme is set up in this database; the figures below are 0.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>資料日期：%1</source>
        <translation>As of %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>依據：%1</source>
        <translation>Basis: %1</translation>
    </message>
    <message>
        <location line="+45"/>
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
        <location line="+6"/>
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
        <source>尚未提供</source>
        <translation type="vanished">Not available yet</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+3"/>
        <source>退訂退款</source>
        <translation>Terminations and refunds</translation>
    </message>
</context>
<context>
    <name>DeadlinesTableModel</name>
    <message>
        <location filename="../../backoffice/views/orders/orders_model.py" line="+119"/>
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
        <location filename="../../backoffice/views/applications/review/dialogs.py" line="+33"/>
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
        <location line="+22"/>
        <source>無法連線資料庫。請確認資料庫服務與網路後再試一次。</source>
        <translation>The database cannot be reached. Check the database service and the network, then try again.</translation>
    </message>
    <message>
        <location line="-11"/>
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
        <source>資料庫回報錯誤，操作未完成，未儲存任何變更。</source>
        <translation>The database reported an error; the operation stopped and nothing was saved.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>資料庫磁碟空間已滿，剛才的操作沒有儲存，您輸入的內容仍保留。請系統管理員清出空間後再試一次。</source>
        <translation>The database disk is full: the last operation was not saved and what you typed is kept. Ask the administrator to free space, then try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>資料庫檔案已毀損或不是資料庫，剛才的操作沒有儲存。請勿繼續作業，並請系統管理員從備份還原。</source>
        <translation>The database file is damaged or not a database: the last operation was not saved. Stop working and ask the administrator to restore it from a backup.</translation>
    </message>
    <message>
        <location line="+33"/>
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
        <source>此認領尚未逾時（2 天），不能由主管釋出。</source>
        <translation>This claim is not stale yet (2 days); a supervisor cannot release it.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../backoffice/services/vocabulary.py" line="+43"/>
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
        <location line="+1"/>
        <source>已核准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予核准</source>
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
        <source>主管已核准</source>
        <translation>Approved by a supervisor</translation>
    </message>
    <message>
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
    <name>LotsTableModel</name>
    <message>
        <location line="-34"/>
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
        <location filename="../../backoffice/views/main_window.py" line="+32"/>
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
        <source>會計</source>
        <translation>Finance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系統管理員</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+221"/>
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
        <location line="+4"/>
        <source>說明(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+76"/>
        <source>關於</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>示範資料庫：畫面上的申請人、訂單與金額皆為虛構資料，不得作為正式作業依據。</source>
        <translation>Demo database: the applicants, orders and amounts shown are fictitious and must not be used for real work.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+69"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="-66"/>
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
        <location line="+52"/>
        <source>臺灣雲市集 數位點數補助 後台
版本 %1

依「點數申請須知」辦理點數審核、核發、訂單、退款與請撥核銷。</source>
        <translation>Taiwan Cloud Marketplace Digital Points — Back Office
Version %1

Review, grants, orders, refunds and reimbursement under the points Guidelines.</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location filename="../../backoffice/views/orders/orders_screen.py" line="+63"/>
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
        <location line="+22"/>
        <source>載入中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>訂單明細</source>
        <translation>Order details</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+179"/>
        <source>請在上方選擇一筆訂單。</source>
        <translation>Select an order above.</translation>
    </message>
    <message>
        <location line="-173"/>
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
        <location line="+24"/>
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
        <location line="+18"/>
        <location line="+15"/>
        <source>匯出訂單</source>
        <translation>Export orders</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>已匯出 %1 筆訂單至 %2</source>
        <translation>Exported %1 orders to %2</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>載入訂單明細</source>
        <translation>Loading order details</translation>
    </message>
    <message>
        <location line="+196"/>
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
        <location filename="../../backoffice/views/table_kit.py" line="+197"/>
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
        <location filename="../../backoffice/views/applications/review/dialogs.py" line="+78"/>
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
        <location line="+145"/>
        <source>載入申請案件</source>
        <translation>Loading applications</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>計算案件數</source>
        <translation>Counting applications</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>待補件：補件期限；已送件或審核中：送件後第 10 個工作天（不含送件當日）。</source>
        <translation>Awaiting supplement: the supplement deadline; submitted or under review: the 10th working day after submission (the submission day not counted).</translation>
    </message>
    <message>
        <location line="+50"/>
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
        <location filename="../../backoffice/views/applications/queue_screen.py" line="+71"/>
        <source>申請案件</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+326"/>
        <source>刪除篩選</source>
        <translation>Delete filter</translation>
    </message>
    <message>
        <location line="-321"/>
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
        <location line="+30"/>
        <source>開啟案件</source>
        <translation>Open case</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+344"/>
        <source>認領案件</source>
        <translation>Claim case</translation>
    </message>
    <message>
        <location line="-343"/>
        <location line="+346"/>
        <source>釋出案件</source>
        <translation>Release case</translation>
    </message>
    <message>
        <location line="-345"/>
        <location line="+348"/>
        <source>主管釋出逾時認領</source>
        <translation>Release stale claim (supervisor)</translation>
    </message>
    <message>
        <location line="-186"/>
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
        <location line="+44"/>
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
        <location line="+35"/>
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
    <name>RejectDialog</name>
    <message>
        <location filename="../../backoffice/views/applications/review/dialogs.py" line="-86"/>
        <source>不予核定</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location line="+6"/>
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
</context>
<context>
    <name>ReviewPanels</name>
    <message>
        <location filename="../../backoffice/views/applications/review/panels.py" line="+34"/>
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
        <location line="+21"/>
        <source>中文</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <location line="+16"/>
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
        <location line="+19"/>
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
        <location line="+197"/>
        <source>時間</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="-187"/>
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
        <location line="+27"/>
        <source>資格審查（依點數申請須知計算）</source>
        <translation>Eligibility (computed from the Guidelines)</translation>
    </message>
    <message>
        <location line="+28"/>
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
        <location line="+17"/>
        <source>系統</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../backoffice/views/applications/review_screen.py" line="+85"/>
        <location line="+120"/>
        <source>案件審查</source>
        <translation>Case review</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>← 返回申請案件</source>
        <translation>← Back to applications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回到申請案件清單（Esc）</source>
        <translation>Back to the application list (Esc)</translation>
    </message>
    <message>
        <location line="+28"/>
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
        <location line="+192"/>
        <source>認領案件</source>
        <translation>Claim case</translation>
    </message>
    <message>
        <location line="-191"/>
        <location line="+200"/>
        <source>釋出案件</source>
        <translation>Release case</translation>
    </message>
    <message>
        <location line="-199"/>
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
        <location line="+57"/>
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
        <location line="+29"/>
        <source>此案件由其他承辦人認領，您不能決定</source>
        <translation>Another officer holds this case; you cannot decide it</translation>
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
        <location line="+70"/>
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
        <location line="+2"/>
        <source>資格審查有不符項目，不得核定：</source>
        <translation>Failing checks; cannot approve: </translation>
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
        <location line="+1"/>
        <source>請撥核銷</source>
        <translation>Settlement</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../backoffice/views/signin_dialog.py" line="+40"/>
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
        <location line="+5"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+182"/>
        <source>登入</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="-162"/>
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
        <location filename="../../backoffice/views/applications/review/dialogs.py" line="+25"/>
        <source>通知補件</source>
        <translation>Request a supplement</translation>
    </message>
    <message>
        <location line="+10"/>
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
</context>
</TS>
