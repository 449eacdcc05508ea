# 规则引擎（crates/domain/src/engine）的提示语。
#
# 消息 id 与引擎的稳定代码一致：outcome-{kind}、reason-{code}、condition-{code}。
# 各消息接收的变量见引擎的 `Message::message_args`：
# - 学会、专业领域、资格框架和等级（$society、$level、$required_level 等）传入的是 id，
#   由网页层替换为读者语言的名称；
# - 年数、学时和月数是数字；
# - $requirement 是要求代码，适应期另有 $months；
# - 是非类事实（$passed、$met，以及 condition-education、condition-good_standing 的
#   $expected/$actual）取值为 `yes` 或 `no`。

## 结果

outcome-eligible = 可获{ $society }认可为{ $level }。
outcome-conditional = 完成下列要求后，可获{ $society }认可为{ $level }。
outcome-ineligible = 按本协议现行规则，暂不能获{ $society }认可。

## 原因

reason-qualification_refused = 发证学会未确认此项资格，不能据以申请认可。
reason-qualification_lapsed = 此项资格已失效，不能据以申请认可。
reason-framework_not_covered = 本协议没有从{ $framework }到{ $society }的互认规则。
reason-specialty_mismatch = 此项资格属于{ $actual_specialty }专业领域，本协议适用于{ $required_specialty }。
reason-level_below_minimum = 现有资格为{ $actual_level }，该规则要求{ $framework }中的{ $required_level }或以上。
reason-experience_short = 本专业领域工作经验{ $actual_years }年，协议要求{ $required_years }年。
reason-education_not_accredited = 该规则要求具有经《华盛顿协议》《悉尼协议》《都柏林协议》或所列同等体系认证的学历。
reason-cpd_short = 近{ $within_years }年继续教育{ $actual_hours }学时，协议要求{ $required_hours }学时。
reason-not_in_good_standing = 目前在发证学会的执业信誉不属良好状态。
reason-requirement_outstanding =
    尚待完成：{ $requirement ->
        [aptitude-test] 能力测试
        [adaptation-period] 为期{ $months }个月的适应期
        [professional-interview] 专业面试
       *[local-regulations-briefing] 本地法规及技术规范讲解
    }。

## 规则核查：所考虑的每条规则的每项条件各占一行

condition-level = 现有资格：{ $actual }（须为{ $framework }中的{ $expected }或以上）
condition-experience = 本专业领域工作经验：{ $actual }年（至少{ $expected }年）
condition-education =
    经认证学历：{ $actual ->
        [yes] 有
       *[no] 无
    }（必需）
condition-cpd = 近{ $within_years }年继续教育：{ $actual }学时（至少{ $expected }学时）
condition-good_standing =
    执业信誉良好：{ $actual ->
        [yes] 是
       *[no] 否
    }
condition-requirement =
    { $requirement ->
        [aptitude-test] 能力测试
        [adaptation-period] 为期{ $months }个月的适应期
        [professional-interview] 专业面试
       *[local-regulations-briefing] 本地法规及技术规范讲解
    }：{ $met ->
        [yes] 已完成
       *[no] 尚待完成
    }
