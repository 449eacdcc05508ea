## Editing the register (pages under /admin)
nav-register = 名錄維護

## The index
reg-index-title = 維護名錄
reg-index-lead-platform = 您是平台管理員，負責維護整個名錄：學會、專業領域、資格階梯和互認協議。
reg-index-lead-society = 您負責維護所管理學會的資料及其資格階梯。
reg-view-public = 公開頁面
reg-frameworks-title = 資格階梯
reg-frameworks-empty = 目前沒有您可以編輯的資格階梯。
reg-levels-count = { $count } 個級別

## Shared fields and messages
reg-field-id = 識別碼
reg-id-hint = 1 至 64 個字元：小寫字母、數字和中間的連字號，例如 hk-building-em。建立後不可更改。
reg-field-names = 名稱
reg-lang-zh-hans = 簡體中文
reg-lang-zh-hant = 繁體中文
reg-lang-en = 英文
reg-lang-pt = 葡萄牙文（選填）
reg-field-sample = 示例條目
reg-field-supervised-by = 主管單位
reg-yes = 是
reg-no = 否
reg-date-hint = 如瀏覽器未提供日曆，請按 YYYY-MM-DD 格式填寫，例如 2020-07-11。
reg-save = 儲存修改
reg-retire-title = 停用
reg-retire-confirm = 確認停用此條目。條目會保留作為歷史紀錄，但不再提供使用。
reg-refused = 名錄拒絕了此項修改：{ $reason }
reg-refused-field = 欄位 { $field }：
reg-error-fix = 未儲存任何內容。請更正標出的欄位後重新提交。
reg-error-id = 請使用 1 至 64 個字元：小寫字母、數字和連字號（連字號不能在開頭或結尾）。
reg-error-name-missing = 請填寫此語言的名稱。
reg-error-text-incomplete = 請同時填寫此語言的文字，或將所有語言都留空。
reg-error-abbreviation = 請填寫簡稱。
reg-error-batch = 請以從 1 開始的整數填寫試點批次。
reg-error-owner = 該學會不存在或已停用。
reg-error-choose = 請從列出的選項中選擇一項。
reg-error-date = 這不是有效日期，請按 YYYY-MM-DD 格式填寫。
reg-error-date-required = 請填寫日期，格式為 YYYY-MM-DD。
reg-error-confirm = 請勾選確認框。

## Societies
reg-society-new-title = 新增學會
reg-society-edit-title = 編輯{ $name }
reg-society-create = 新增學會
reg-society-reserved-hint = 地區、角色和示例標記由平台管理員設定。
reg-supervised-hint = 學會登記所屬的主管單位。如無，請將所有語言留空。
reg-society-retire = 停用此學會
reg-society-retire-lead = 停用後，學會不再顯示於名錄中；其識別碼仍予保留，因為協議和審計日誌仍會引用它。學會如仍是未到期協議的締約方，則不能停用。

## Specialties
reg-specialty-new-title = 新增專業領域
reg-specialty-edit-title = 編輯{ $name }
reg-specialty-create = 新增專業領域
reg-specialty-retire = 停用此專業領域
reg-specialty-retire-lead = 停用後，該專業領域不再用於新協議。仍有協議使用的專業領域不能停用。

## Qualification ladders
reg-framework-new-title = 新增資格階梯
reg-framework-edit-title = 編輯{ $name }
reg-framework-create = 新增資格階梯
reg-framework-lead = 資格階梯為職稱、註冊資格或學會會員級別排列先後。互認規則從一個階梯的某一級別出發，授予另一階梯的某一級別。
reg-field-owner = 維護單位
reg-owner-none = 無學會：國家職稱或法定註冊
reg-owner-hint = 學會的會員級別由該學會的管理員維護；國家職稱和法定註冊由平台管理員維護。
reg-field-levels = 級別（由低至高）
reg-levels-hint = 每行一個級別，由最低排到最高：先寫識別碼，再寫簡體中文、繁體中文和英文名稱，各項之間以豎線 | 分隔。例如：
reg-levels-hint-more = 可在第五欄填寫葡萄牙文名稱。空行和以 # 開頭的行會被略過。互認規則已使用的級別必須保留原識別碼。
reg-error-levels-empty = 資格階梯至少需要一個級別。
reg-error-level-columns = 第 { $line } 行（{ $text }）：請按示例寫出識別碼和三個名稱，以 | 分隔。
reg-error-level-empty = 第 { $line } 行（{ $text }）：識別碼和三個名稱都必須填寫。
reg-error-level-id = 第 { $line } 行：「{ $text }」不是有效的識別碼，請使用小寫字母、數字和中間的連字號。
reg-error-level-twice = 第 { $line } 行：級別「{ $text }」重複出現。
reg-framework-retire = 停用此資格階梯
reg-framework-retire-lead = 停用後，該資格階梯不再提供使用。尚未到期的協議中仍有互認規則使用的資格階梯不能停用。

## Agreements as files
reg-agreement-new-title = 新增協議
reg-agreement-edit-title = 編輯《{ $title }》的檔案
reg-agreement-create = 新增協議
reg-agreement-edit-file = 編輯檔案
reg-agreement-panel-link = 生命週期
reg-agreement-new-lead = 以 TOML 檔案撰寫協議，即各學會交換和簽署確認的格式。儲存前會先與名錄核對。
reg-agreement-edit-lead = 您可在此修改協議的基本資料（標題、備註、專業領域、締約方、日期、示例標記）以及草案版本的規則。狀態、類別和非草案版本須在生命週期面板上變更。
reg-agreement-file = 協議檔案（TOML）
reg-agreement-file-hint = 每個檔案一份協議：先寫基本資料，再以 [[version]] 寫出每個版本，版本的規則寫作 [[version.rule]]。所涉及的學會、專業領域、資格階梯和級別都必須已在名錄中。
reg-agreement-file-hint-edit = 生效中或已被取代的版本僅供參考，請保持原樣。
reg-file-problems = 未儲存任何內容：檔案中有 { $count } 個問題。
reg-file-at-line-field = 第 { $line } 行，欄位 { $field }：
reg-file-at-line = 第 { $line } 行：
reg-file-at-field = 欄位 { $field }：
reg-locked-id = 識別碼用於識別協議，不能更改。
reg-locked-status = 狀態須透過生命週期按鈕變更，不能在檔案中修改。
reg-locked-kind = 類別須透過生命週期按鈕變更，不能在檔案中修改。
reg-locked-version = 版本 { $number } 不能在此修改：檔案中只能編輯草案版本，新增版本或使版本生效須使用生命週期按鈕。
reg-locked-go = 開啟生命週期面板

## The lifecycle panel
reg-panel-title = 生命週期：{ $title }
reg-panel-versions = 版本
reg-panel-version = 版本
reg-panel-rules = 規則
reg-panel-no-versions = 此協議尚無版本。
reg-panel-steps = 現在可以進行的步驟
reg-panel-steps-lead = 只列出協議目前狀態下可以進行的步驟。每個步驟都會記入審計日誌。
reg-step-none = 此協議已不能再進行任何步驟。
reg-step-refused = 現在不能進行「{ $step }」。
reg-step-allowed = 現在可以進行：{ $steps }
reg-step-unknown = 無法識別此步驟。
reg-step-field-version = 版本
reg-step-field-on = 終止日期
reg-step-field-notes = 備註
reg-step-signed-on-hint = 選填：留空則保留已記錄的日期。
reg-step-notes-hint = 選填：說明新版本的用途。其規則先複製自最新版本，可在檔案中修改。
reg-step-sign_intent = 簽署意向書
reg-step-sign_intent-lead = 各方已簽署意向書：協議會在名錄中顯示為籌備中。
reg-step-sign_intent-button = 記錄意向書
reg-step-bring_into_force = 使協議生效
reg-step-bring_into_force-lead = 協議以所選的草案版本生效，並由該版本開始認可申請人。
reg-step-bring_into_force-button = 使協議生效
reg-step-suspend = 暫停
reg-step-suspend-lead = 恢復之前，不會依此協議認可任何人。各版本保持不變。
reg-step-suspend-button = 暫停協議
reg-step-resume = 恢復
reg-step-resume-lead = 協議以原先生效的版本恢復認可申請人。
reg-step-resume-button = 恢復協議
reg-step-expire = 終止
reg-step-expire-lead = 協議於所填日期終止。此操作無法撤銷。
reg-step-expire-button = 終止協議
reg-step-draft_version = 起草新版本
reg-step-draft_version-lead = 新增一個草案版本，編號接續最後一個版本，生效前可先審閱。
reg-step-draft_version-button = 起草新版本
reg-step-put_version_in_force = 使新版本生效
reg-step-put_version_in_force-lead = 所選草案自所填日期起取代現行版本；原版本保留為已被取代。
reg-step-put_version_in_force-button = 使此版本生效

## Links from the public pages
reg-edit-society = 編輯此學會
reg-edit-ladder = 編輯此階梯
reg-edit-specialty = 編輯
reg-edit-agreement-panel = 生命週期面板
