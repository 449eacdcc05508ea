## Editing the register (pages under /admin)
nav-register = 名录维护

## The index
reg-index-title = 维护名录
reg-index-lead-platform = 您是平台管理员，负责维护整个名录：学会、专业领域、资格阶梯和互认协议。
reg-index-lead-society = 您负责维护所管理学会的资料及其资格阶梯。
reg-view-public = 公开页面
reg-frameworks-title = 资格阶梯
reg-frameworks-empty = 目前没有您可以编辑的资格阶梯。
reg-levels-count = { $count } 个级别

## Shared fields and messages
reg-field-id = 标识符
reg-id-hint = 1 至 64 个字符：小写字母、数字和中间的连字符，例如 hk-building-em。创建后不可更改。
reg-field-names = 名称
reg-lang-zh-hans = 简体中文
reg-lang-zh-hant = 繁体中文
reg-lang-en = 英文
reg-lang-pt = 葡萄牙文（可选）
reg-field-sample = 示例条目
reg-field-supervised-by = 主管单位
reg-yes = 是
reg-no = 否
reg-date-hint = 如浏览器未提供日历，请按 YYYY-MM-DD 格式填写，例如 2020-07-11。
reg-save = 保存修改
reg-retire-title = 停用
reg-retire-confirm = 确认停用此条目。条目会保留作为历史记录，但不再提供使用。
reg-refused = 名录拒绝了此项修改：{ $reason }
reg-refused-field = 字段 { $field }：
reg-error-fix = 未保存任何内容。请更正标出的字段后重新提交。
reg-error-id = 请使用 1 至 64 个字符：小写字母、数字和连字符（连字符不能在开头或结尾）。
reg-error-name-missing = 请填写此语言的名称。
reg-error-text-incomplete = 请同时填写此语言的文字，或将所有语言都留空。
reg-error-abbreviation = 请填写简称。
reg-error-batch = 请以从 1 开始的整数填写试点批次。
reg-error-owner = 该学会不存在或已停用。
reg-error-choose = 请从列出的选项中选择一项。
reg-error-date = 这不是有效日期，请按 YYYY-MM-DD 格式填写。
reg-error-date-required = 请填写日期，格式为 YYYY-MM-DD。
reg-error-confirm = 请勾选确认框。

## Societies
reg-society-new-title = 添加学会
reg-society-edit-title = 编辑{ $name }
reg-society-create = 添加学会
reg-society-reserved-hint = 地区、角色和示例标记由平台管理员设定。
reg-supervised-hint = 学会登记所属的主管单位。如无，请将所有语言留空。
reg-society-retire = 停用此学会
reg-society-retire-lead = 停用后，学会不再显示于名录中；其标识符仍予保留，因为协议和审计日志仍会引用它。学会如仍是未到期协议的缔约方，则不能停用。

## Specialties
reg-specialty-new-title = 添加专业领域
reg-specialty-edit-title = 编辑{ $name }
reg-specialty-create = 添加专业领域
reg-specialty-retire = 停用此专业领域
reg-specialty-retire-lead = 停用后，该专业领域不再用于新协议。仍有协议使用的专业领域不能停用。

## Qualification ladders
reg-framework-new-title = 添加资格阶梯
reg-framework-edit-title = 编辑{ $name }
reg-framework-create = 添加资格阶梯
reg-framework-lead = 资格阶梯为职称、注册资格或学会会员级别排列先后。互认规则从一个阶梯的某一级别出发，授予另一阶梯的某一级别。
reg-field-owner = 维护单位
reg-owner-none = 无学会：国家职称或法定注册
reg-owner-hint = 学会的会员级别由该学会的管理员维护；国家职称和法定注册由平台管理员维护。
reg-field-levels = 级别（由低到高）
reg-levels-hint = 每行一个级别，由最低排到最高：先写标识符，再写简体中文、繁体中文和英文名称，各项之间以竖线 | 分隔。例如：
reg-levels-hint-more = 可在第五栏填写葡萄牙文名称。空行和以 # 开头的行会被略过。互认规则已使用的级别必须保留原标识符。
reg-error-levels-empty = 资格阶梯至少需要一个级别。
reg-error-level-columns = 第 { $line } 行（{ $text }）：请按示例写出标识符和三个名称，以 | 分隔。
reg-error-level-empty = 第 { $line } 行（{ $text }）：标识符和三个名称都必须填写。
reg-error-level-id = 第 { $line } 行：“{ $text }”不是有效的标识符，请使用小写字母、数字和中间的连字符。
reg-error-level-twice = 第 { $line } 行：级别“{ $text }”重复出现。
reg-framework-retire = 停用此资格阶梯
reg-framework-retire-lead = 停用后，该资格阶梯不再提供使用。尚未到期的协议中仍有互认规则使用的资格阶梯不能停用。

## Agreements as files
reg-agreement-new-title = 添加协议
reg-agreement-edit-title = 编辑《{ $title }》的文件
reg-agreement-create = 添加协议
reg-agreement-edit-file = 编辑文件
reg-agreement-panel-link = 生命周期
reg-agreement-new-lead = 以 TOML 文件撰写协议，即各学会交换和签署确认的格式。保存前会先与名录核对。
reg-agreement-edit-lead = 您可在此修改协议的基本资料（标题、备注、专业领域、缔约方、日期、示例标记）以及草案版本的规则。状态、类别和非草案版本须在生命周期面板上变更。
reg-agreement-file = 协议文件（TOML）
reg-agreement-file-hint = 每个文件一份协议：先写基本资料，再以 [[version]] 写出每个版本，版本的规则写作 [[version.rule]]。所涉及的学会、专业领域、资格阶梯和级别都必须已在名录中。
reg-agreement-file-hint-edit = 生效中或已被取代的版本仅供参考，请保持原样。
reg-file-problems = 未保存任何内容：文件中有 { $count } 个问题。
reg-file-at-line-field = 第 { $line } 行，字段 { $field }：
reg-file-at-line = 第 { $line } 行：
reg-file-at-field = 字段 { $field }：
reg-locked-id = 标识符用于识别协议，不能更改。
reg-locked-status = 状态须通过生命周期按钮变更，不能在文件中修改。
reg-locked-kind = 类别须通过生命周期按钮变更，不能在文件中修改。
reg-locked-version = 版本 { $number } 不能在此修改：文件中只能编辑草案版本，新增版本或使版本生效须使用生命周期按钮。
reg-locked-go = 打开生命周期面板

## The lifecycle panel
reg-panel-title = 生命周期：{ $title }
reg-panel-versions = 版本
reg-panel-version = 版本
reg-panel-rules = 规则
reg-panel-no-versions = 此协议尚无版本。
reg-panel-steps = 现在可以进行的步骤
reg-panel-steps-lead = 只列出协议当前状态下可以进行的步骤。每个步骤都会记入审计日志。
reg-step-none = 此协议已不能再进行任何步骤。
reg-step-refused = 现在不能进行“{ $step }”。
reg-step-allowed = 现在可以进行：{ $steps }
reg-step-unknown = 无法识别此步骤。
reg-step-field-version = 版本
reg-step-field-on = 终止日期
reg-step-field-notes = 备注
reg-step-signed-on-hint = 可选：留空则保留已记录的日期。
reg-step-notes-hint = 可选：说明新版本的用途。其规则先复制自最新版本，可在文件中修改。
reg-step-sign_intent = 签署意向书
reg-step-sign_intent-lead = 各方已签署意向书：协议会在名录中显示为筹备中。
reg-step-sign_intent-button = 记录意向书
reg-step-bring_into_force = 使协议生效
reg-step-bring_into_force-lead = 协议以所选的草案版本生效，并由该版本开始认可申请人。
reg-step-bring_into_force-button = 使协议生效
reg-step-suspend = 暂停
reg-step-suspend-lead = 恢复之前，不会依此协议认可任何人。各版本保持不变。
reg-step-suspend-button = 暂停协议
reg-step-resume = 恢复
reg-step-resume-lead = 协议以原先生效的版本恢复认可申请人。
reg-step-resume-button = 恢复协议
reg-step-expire = 终止
reg-step-expire-lead = 协议于所填日期终止。此操作无法撤销。
reg-step-expire-button = 终止协议
reg-step-draft_version = 起草新版本
reg-step-draft_version-lead = 新增一个草案版本，编号接续最后一个版本，生效前可先审阅。
reg-step-draft_version-button = 起草新版本
reg-step-put_version_in_force = 使新版本生效
reg-step-put_version_in_force-lead = 所选草案自所填日期起取代现行版本；原版本保留为已被取代。
reg-step-put_version_in_force-button = 使此版本生效

## Links from the public pages
reg-edit-society = 编辑此学会
reg-edit-ladder = 编辑此阶梯
reg-edit-specialty = 编辑
reg-edit-agreement-panel = 生命周期面板
