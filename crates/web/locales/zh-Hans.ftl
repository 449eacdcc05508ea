## 站点框架
site-name = 湾桥
site-tagline = 粤港澳大湾区工程技术人才专业资格互认平台
skip-to-content = 跳到正文
language-label = 语言
nav-label = 主导航
nav-home = 概览
nav-societies = 科技社团
nav-specialties = 专业领域
nav-agreements = 互认协议
nav-fellows = 荣誉会士
nav-activities = 交流活动
footer-about = 湾桥是由广东省工程师学会牵头的粤港澳大湾区工程技术人才专业资格互认机制的平台。
footer-api = 开放数据：JSON 接口
sample-badge = 示例 / Sample
sample-explained = 示例条目：来源资料未载明此项，故不作为事实呈现。

## 错误
error-go-home = 返回概览
error-not-found-title = 找不到页面
error-not-found-body = 此地址没有内容，可能已被移动，或链接有误。
error-server-title = 出了点问题
error-server-body = 页面暂时无法显示。问题已记录，请稍后再试。

## 概览
home-title = 资格互认机制概览
home-lead = 粤港澳三地的工程类科技社团按专业领域签订互认协议。在一地取得资格的工程师，可获另一地合作社团认可其专业资格。
stat-societies = 个科技社团
stat-signatories = 个签约社团
stat-specialties = 个专业领域
stat-agreements-in-force = 份生效协议
stat-letters-of-intent = 份意向书
home-societies-heading = 按地区与角色划分的科技社团
home-societies-caption = 参与机制的科技社团：按地区（行）与在机制中的角色（列）。虚线框表示示例条目。
home-specialties-heading = 按试点批次划分的专业领域
batch-title = 第 { $batch } 批
home-agreements-heading = 按状态划分的协议
home-agreements-caption = 各状态下的协议及意向书数量
home-matrix-heading = 谁在哪个专业签了协议
home-matrix-legend = ● 协议生效 · ◐ 意向书 · ○ 其他状态。选择标记可阅读协议。
home-matrix-caption = 各社团（行）在各专业领域（列）的协议

## 列与筛选
col-jurisdiction = 地区
col-status = 状态
col-count = 数量
col-society = 社团
col-name = 名称
col-abbreviation = 简称
col-role = 角色
col-specialty = 专业领域
col-batch = 批次
col-in-force = 生效
col-intents = 意向书
col-agreement = 协议
col-kind = 类型
col-parties = 缔约方
col-signed-on = 签订日期
filter-label = 筛选
filter-all = 全部

## 科技社团
societies-title = 科技社团
societies-lead = 参与互认机制的粤港澳三地科技社团。
societies-empty = 没有符合筛选条件的社团。
society-founded = 成立日期
society-supervised-by = 业务主管单位
society-website = 网站
society-working-group = 工作小组联络
society-agreements = 协议
society-no-agreements = 该社团尚未成为任何协议的缔约方。
society-ladders = 会员级别

## 专业领域
specialties-title = 专业领域
specialties-lead = 各社团相互认可工程师资格的专业领域，按试点批次开放。
specialties-ladders = 资格阶梯
specialties-ladders-lead = 互认规则所依据的职称与注册资格，由低到高排列。
specialty-status-pilot = 试点
specialty-status-active = 常态化

## 协议
agreements-title = 互认协议与意向书
agreements-in-specialty = { $specialty }专业领域的协议
agreements-lead = 只有生效中的协议版本才会认可申请人；意向书显示正在筹备的合作。
agreements-empty = 没有符合筛选条件的协议。
agreement-effective-from = 生效日期
agreement-effective-until = 有效期至
agreement-id = 编号
agreement-version = 第 { $number } 版
agreement-no-rules = 此版本尚无互认规则。

## 荣誉会士与交流活动
fellows-title = 荣誉会士
fellows-lead = 各社团聘任的港澳工程界知名人士。
fellows-empty = 尚未聘任荣誉会士。
activities-title = 交流活动
activities-lead = 各社团成立工作小组，紧密联系、互动交流：会议、研讨、互访与签约。
activities-empty = 尚未记录交流活动。
activity-kind-signing = 签约
activity-kind-meeting = 会议
activity-kind-consultation = 会商
activity-kind-seminar = 研讨会
activity-kind-forum = 论坛
activity-kind-visit = 参访
activity-kind-training = 培训
activity-kind-exchange = 交流

## 代码
jurisdiction-GD = 广东
jurisdiction-HK = 香港
jurisdiction-MO = 澳门
jurisdiction-INTL = 国际
role-coordinator = 牵头单位
role-signatory = 签约社团
role-consulting = 参与会商
agreement-status-draft = 草案
agreement-status-intent = 意向书
agreement-status-in-force = 生效
agreement-status-suspended = 暂停
agreement-status-expired = 已届满
agreement-kind-agreement = 协议
agreement-kind-letter-of-intent = 意向书
version-status-draft = 草案
version-status-in-force = 生效
version-status-superseded = 已被取代
framework-kind-title = 职称
framework-kind-membership = 会员级别
framework-kind-registration = 法定注册
requirement-aptitude-test = 能力测试
requirement-adaptation-period = 为期 { $months } 个月的适应期
requirement-professional-interview = 专业面谈
requirement-local-regulations-briefing = 本地法规及技术规范讲解

## 规则的文字表述
rule-sentence = 持有「{ $framework }」{ $from_level }或以上资格者，可获{ $society }认可为{ $to_level }。
rule-experience = 本专业工作经验不少于 { $years } 年
rule-education-accredited = 学历须为《华盛顿协议》《悉尼协议》《都柏林协议》或所列同等认证的学位
rule-cpd = 最近 { $years } 年内持续专业发展不少于 { $hours } 小时
rule-requires = 附带条件：{ $requirement }
rule-no-conditions = 无其他条件

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

## 账户
nav-account = 我的账户
nav-users = 用户
nav-audit = 审计日志
error-forbidden-title = 无权操作
error-forbidden-body = 您的账户无权进行此操作，或表单已过期。请刷新页面后重试；如仍有问题，请联系所属社团的管理员。
login-title = 登录
login-lead = 社团工作人员和工程师请使用开设账户时登记的电子邮箱登录。
login-refused = 电子邮箱或密码不正确，或账户已停用。
login-throttled = 失败次数过多，请在 { $minutes } 分钟后重试。
login-submit = 登录
logout = 退出
field-email = 电子邮箱
field-password = 密码
field-name = 姓名
account-title = 我的账户
account-roles = 角色
role-name-platform_admin = 平台管理员
role-name-society_admin = 社团管理员
role-name-reviewer = 评审员
role-name-attestor = 核证员
role-name-engineer = 工程师
tokens-title = API 令牌
tokens-lead = 令牌可让脚本以您的身份调用 API，请以“Authorization: Bearer …”发送。不再使用的令牌请及时撤销。
tokens-created = 新令牌如下，请立即复制：它只显示这一次。
tokens-empty = 您还没有 API 令牌。
tokens-created-at = 创建时间
tokens-last-used = 最近使用
tokens-revoked = 已撤销
tokens-revoke = 撤销
tokens-name = 令牌用途
tokens-create = 创建令牌
