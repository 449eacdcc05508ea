## 站點框架
site-name = 灣橋
site-tagline = 粵港澳大灣區工程技術人才專業資格互認平台
skip-to-content = 跳到正文
language-label = 語言
nav-label = 主導航
nav-home = 概覽
nav-societies = 科技社團
nav-specialties = 專業領域
nav-agreements = 互認協議
nav-fellows = 榮譽會士
nav-activities = 交流活動
footer-about = 灣橋是由廣東省工程師學會牽頭的粵港澳大灣區工程技術人才專業資格互認機制的平台。
footer-api = 開放數據：JSON 接口
sample-badge = 示例 / Sample
sample-explained = 示例條目：來源資料未載明此項，故不作為事實呈現。

## 錯誤
error-go-home = 返回概覽
error-not-found-title = 找不到頁面
error-not-found-body = 此地址沒有內容，可能已被移動，或連結有誤。
error-server-title = 出了點問題
error-server-body = 頁面暫時無法顯示。問題已記錄，請稍後再試。

## 概覽
home-title = 資格互認機制概覽
home-lead = 粵港澳三地的工程類科技社團按專業領域簽訂互認協議。在一地取得資格的工程師，可獲另一地合作社團認可其專業資格。
stat-societies = 個科技社團
stat-signatories = 個簽約社團
stat-specialties = 個專業領域
stat-agreements-in-force = 份生效協議
stat-letters-of-intent = 份意向書
home-societies-heading = 按地區與角色劃分的科技社團
home-societies-caption = 參與機制的科技社團：按地區（行）與在機制中的角色（列）。虛線框表示示例條目。
home-specialties-heading = 按試點批次劃分的專業領域
batch-title = 第 { $batch } 批
home-agreements-heading = 按狀態劃分的協議
home-agreements-caption = 各狀態下的協議及意向書數量
home-matrix-heading = 誰在哪個專業簽了協議
home-matrix-legend = ● 協議生效 · ◐ 意向書 · ○ 其他狀態。選擇標記可閱讀協議。
home-matrix-caption = 各社團（行）在各專業領域（列）的協議

## 列與篩選
col-jurisdiction = 地區
col-status = 狀態
col-count = 數量
col-society = 社團
col-name = 名稱
col-abbreviation = 簡稱
col-role = 角色
col-specialty = 專業領域
col-batch = 批次
col-in-force = 生效
col-intents = 意向書
col-agreement = 協議
col-kind = 類型
col-parties = 締約方
col-signed-on = 簽訂日期
filter-label = 篩選
filter-all = 全部

## 科技社團
societies-title = 科技社團
societies-lead = 參與互認機制的粵港澳三地科技社團。
societies-empty = 沒有符合篩選條件的社團。
society-founded = 成立日期
society-supervised-by = 業務主管單位
society-website = 網站
society-working-group = 工作小組聯絡
society-agreements = 協議
society-no-agreements = 該社團尚未成為任何協議的締約方。
society-ladders = 會員級別

## 專業領域
specialties-title = 專業領域
specialties-lead = 各社團相互認可工程師資格的專業領域，按試點批次開放。
specialties-ladders = 資格階梯
specialties-ladders-lead = 互認規則所依據的職稱與註冊資格，由低到高排列。
specialty-status-pilot = 試點
specialty-status-active = 常態化

## 協議
agreements-title = 互認協議與意向書
agreements-in-specialty = { $specialty }專業領域的協議
agreements-lead = 只有生效中的協議版本才會認可申請人；意向書顯示正在籌備的合作。
agreements-empty = 沒有符合篩選條件的協議。
agreement-effective-from = 生效日期
agreement-effective-until = 有效期至
agreement-id = 編號
agreement-version = 第 { $number } 版
agreement-no-rules = 此版本尚無互認規則。

## 榮譽會士與交流活動
fellows-title = 榮譽會士
fellows-lead = 各社團聘任的港澳工程界知名人士。
fellows-empty = 尚未聘任榮譽會士。
activities-title = 交流活動
activities-lead = 各社團成立工作小組，緊密聯繫、互動交流：會議、研討、互訪與簽約。
activities-empty = 尚未記錄交流活動。
activity-kind-signing = 簽約
activity-kind-meeting = 會議
activity-kind-consultation = 會商
activity-kind-seminar = 研討會
activity-kind-forum = 論壇
activity-kind-visit = 參訪
activity-kind-training = 培訓
activity-kind-exchange = 交流

## 代碼
jurisdiction-GD = 廣東
jurisdiction-HK = 香港
jurisdiction-MO = 澳門
jurisdiction-INTL = 國際
role-coordinator = 牽頭單位
role-signatory = 簽約社團
role-consulting = 參與會商
agreement-status-draft = 草案
agreement-status-intent = 意向書
agreement-status-in-force = 生效
agreement-status-suspended = 暫停
agreement-status-expired = 已屆滿
agreement-kind-agreement = 協議
agreement-kind-letter-of-intent = 意向書
version-status-draft = 草案
version-status-in-force = 生效
version-status-superseded = 已被取代
framework-kind-title = 職稱
framework-kind-membership = 會員級別
framework-kind-registration = 法定註冊
requirement-aptitude-test = 能力測試
requirement-adaptation-period = 為期 { $months } 個月的適應期
requirement-professional-interview = 專業面談
requirement-local-regulations-briefing = 本地法規及技術規範講解

## 規則的文字表述
rule-sentence = 持有「{ $framework }」{ $from_level }或以上資格者，可獲{ $society }認可為{ $to_level }。
rule-experience = 本專業工作經驗不少於 { $years } 年
rule-education-accredited = 學歷須為《華盛頓協議》《悉尼協議》《都柏林協議》或所列同等認證的學位
rule-cpd = 最近 { $years } 年內持續專業發展不少於 { $hours } 小時
rule-requires = 附帶條件：{ $requirement }
rule-no-conditions = 無其他條件

## 月份
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月

## 賬戶
nav-account = 我的賬戶
nav-users = 用戶
nav-audit = 審計日誌
error-forbidden-title = 無權操作
error-forbidden-body = 您的賬戶無權進行此操作，或表單已過期。請重新載入頁面後重試；如仍有問題，請聯絡所屬社團的管理員。
login-title = 登入
login-lead = 社團工作人員和工程師請使用開設賬戶時登記的電郵地址登入。
login-refused = 電郵地址或密碼不正確，或賬戶已停用。
login-throttled = 失敗次數過多，請在 { $minutes } 分鐘後重試。
login-submit = 登入
logout = 登出
field-email = 電郵地址
field-password = 密碼
field-name = 姓名
account-title = 我的賬戶
account-roles = 角色
role-name-platform_admin = 平台管理員
role-name-society_admin = 社團管理員
role-name-reviewer = 評審員
role-name-attestor = 核證員
role-name-engineer = 工程師
tokens-title = API 令牌
tokens-lead = 令牌可讓腳本以您的身份調用 API，請以「Authorization: Bearer …」發送。不再使用的令牌請及時撤銷。
tokens-created = 新令牌如下，請立即複製：它只顯示這一次。
tokens-empty = 您還沒有 API 令牌。
tokens-created-at = 建立時間
tokens-last-used = 最近使用
tokens-revoked = 已撤銷
tokens-revoke = 撤銷
tokens-name = 令牌用途
tokens-create = 建立令牌
