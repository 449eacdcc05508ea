# 規則引擎（crates/domain/src/engine）的提示語。
#
# 訊息 id 與引擎的穩定代碼一致：outcome-{kind}、reason-{code}、condition-{code}。
# 各訊息接收的變數見引擎的 `Message::message_args`：
# - 學會、專業領域、資格架構和級別（$society、$level、$required_level 等）傳入的是 id，
#   由網頁層替換為讀者語言的名稱；
# - 年數、時數和月數是數字；
# - $requirement 是要求代碼，適應期另有 $months；
# - 是非類事實（$passed、$met，以及 condition-education、condition-good_standing 的
#   $expected/$actual）取值為 `yes` 或 `no`。

## 結果

outcome-eligible = 可獲{ $society }認可為{ $level }。
outcome-conditional = 完成下列要求後，可獲{ $society }認可為{ $level }。
outcome-ineligible = 按本協議現行規則，暫不能獲{ $society }認可。

## 原因

reason-qualification_refused = 發證學會未確認此項資格，不能據以申請認可。
reason-qualification_lapsed = 此項資格已失效，不能據以申請認可。
reason-framework_not_covered = 本協議沒有從{ $framework }到{ $society }的互認規則。
reason-specialty_mismatch = 此項資格屬於{ $actual_specialty }專業領域，本協議適用於{ $required_specialty }。
reason-level_below_minimum = 現有資格為{ $actual_level }，該規則要求{ $framework }中的{ $required_level }或以上。
reason-experience_short = 本專業領域工作經驗{ $actual_years }年，協議要求{ $required_years }年。
reason-education_not_accredited = 該規則要求具有經《華盛頓協議》《悉尼協議》《都柏林協議》或所列同等體系認證的學歷。
reason-cpd_short = 近{ $within_years }年持續專業發展{ $actual_hours }小時，協議要求{ $required_hours }小時。
reason-not_in_good_standing = 目前在發證學會的執業信譽不屬良好狀態。
reason-requirement_outstanding =
    尚待完成：{ $requirement ->
        [aptitude-test] 能力測試
        [adaptation-period] 為期{ $months }個月的適應期
        [professional-interview] 專業面試
       *[local-regulations-briefing] 本地法規及技術規範簡介
    }。

## 規則核查：所考慮的每條規則的每項條件各佔一行

condition-level = 現有資格：{ $actual }（須為{ $framework }中的{ $expected }或以上）
condition-experience = 本專業領域工作經驗：{ $actual }年（至少{ $expected }年）
condition-education =
    經認證學歷：{ $actual ->
        [yes] 有
       *[no] 無
    }（必需）
condition-cpd = 近{ $within_years }年持續專業發展：{ $actual }小時（至少{ $expected }小時）
condition-good_standing =
    執業信譽良好：{ $actual ->
        [yes] 是
       *[no] 否
    }
condition-requirement =
    { $requirement ->
        [aptitude-test] 能力測試
        [adaptation-period] 為期{ $months }個月的適應期
        [professional-interview] 專業面試
       *[local-regulations-briefing] 本地法規及技術規範簡介
    }：{ $met ->
        [yes] 已完成
       *[no] 尚待完成
    }
