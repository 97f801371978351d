<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_TW">
<context>
    <name>App</name>
    <message>
        <location filename="../../backoffice/app.py" line="+174"/>
        <source>無法啟動</source>
        <translation>Cannot start</translation>
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
        <location line="+1"/>
        <source>點數核發</source>
        <translation>Grants</translation>
    </message>
    <message>
        <source>尚未提供</source>
        <translation type="vanished">Not available yet</translation>
    </message>
    <message>
        <location line="+2"/>
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
    <name>JobErrors</name>
    <message>
        <location filename="../../backoffice/views/jobs.py" line="+276"/>
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
        <location line="+8"/>
        <source>無法連線資料庫。請確認資料庫服務與網路後再試一次。</source>
        <translation>The database cannot be reached. Check the database service and the network, then try again.</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+21"/>
        <source>操作未完成</source>
        <translation>Operation not completed</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../backoffice/views/labels.py" line="+16"/>
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
        <location line="+151"/>
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
        <location line="+60"/>
        <source>關於</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>示範資料庫：畫面上的申請人、訂單與金額皆為虛構資料，不得作為正式作業依據。</source>
        <translation>Demo database: the applicants, orders and amounts shown are fictitious and must not be used for real work.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+36"/>
        <source>臺灣雲市集 數位點數補助 後台
版本 %1

依「點數申請須知」辦理點數審核、核發、訂單、退款與請撥核銷。</source>
        <translation>Taiwan Cloud Marketplace Digital Points — Back Office
Version %1

Review, grants, orders, refunds and reimbursement under the points Guidelines.</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../backoffice/views/screens.py" line="+66"/>
        <source>此畫面尚未提供。</source>
        <translation>This screen is not available yet.</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location line="+25"/>
        <source>儀表板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申請案件</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location line="+1"/>
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
</TS>
