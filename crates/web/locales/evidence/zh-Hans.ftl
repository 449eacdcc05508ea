## evidence
# 证明材料、推荐人与通知。

nav-inbox = 收件箱

inbox-title = 收件箱
inbox-lead = 平台发给您的通知，最新的在前。
inbox-empty = 暂时没有发给您的通知。
inbox-open = 打开

notify-referee_request-subject = { $applicant } 请您确认其工作经历
notify-referee_request-body = { $referee } 您好：{ $applicant } 在工程师资格互认申请中将您列为推荐人。请在 { $days } 天内通过以下链接确认或拒绝其陈述的工作经历：{ $link }。该链接仅可使用一次。
notify-action_needed-subject = 有申请等待您处理
notify-action_needed-body = 申请 { $application } 等待您处理（{ $action }）：{ $link }

referee-title = 确认工程师的工作经历
referee-lead = { $referee } 您好：一位申请人将您列为推荐人。请阅读其陈述的工作经历，并予以确认或拒绝。
referee-statement = 陈述的工作经历
referee-expires = 此链接仅可使用一次，有效期至 { $at }（UTC）。
referee-comment = 备注（可选）
referee-confirm = 我确认以上经历
referee-decline = 我无法确认
referee-confirmed-title = 谢谢
referee-confirmed-body = 您的确认已记录，审核申请的学会将会看到。您可以关闭此页面。
referee-declined-title = 谢谢
referee-declined-body = 您的答复已记录：您未确认所陈述的经历。您可以关闭此页面。
referee-used-title = 此链接已被使用
referee-used-body = 此链接已提交过答复，本次未记录任何内容。如有疑问，请联系申请人。
referee-expired-title = 此链接已过期
referee-expired-body = 通过此链接答复的期限已过，未记录任何内容。申请人可以重新发送链接。
referee-unknown-title = 此链接无效
referee-unknown-body = 没有与此链接对应的推荐请求，未记录任何内容。请检查链接是否完整复制。

evidence-title = 证明材料
evidence-lead = 保存在工程师档案中的文件，核验一次即在所有申请中显示为已核验。
evidence-empty = 暂无文件。
evidence-file = 文件
evidence-type = 类型
evidence-size = 大小（字节）
evidence-uploaded = 上传时间
evidence-verification = 核验
evidence-verified = 已核验
evidence-verified-by = 由 { $name } 于 { $at } 核验
evidence-unverified = 尚未核验
evidence-verify = 核验
