## evidence
# 證明文件、推薦人與通知。

nav-inbox = 收件匣

inbox-title = 收件匣
inbox-lead = 平台發給您的通知，最新的在前。
inbox-empty = 暫時沒有發給您的通知。
inbox-open = 開啟

notify-referee_request-subject = { $applicant } 請您確認其工作經驗
notify-referee_request-body = { $referee } 您好：{ $applicant } 在工程師資格互認申請中將您列為推薦人。請在 { $days } 天內透過以下連結確認或拒絕其陳述的工作經驗：{ $link }。該連結僅可使用一次。
notify-action_needed-subject = 有申請等待您處理
notify-action_needed-body = 申請 { $application } 等待您處理（{ $action }）：{ $link }

referee-title = 確認工程師的工作經驗
referee-lead = { $referee } 您好：一位申請人將您列為推薦人。請閱讀其陳述的工作經驗，並予以確認或拒絕。
referee-statement = 陳述的工作經驗
referee-expires = 此連結僅可使用一次，有效期至 { $at }（UTC）。
referee-comment = 備註（選填）
referee-confirm = 我確認以上經驗
referee-decline = 我無法確認
referee-confirmed-title = 謝謝
referee-confirmed-body = 您的確認已記錄，審核申請的學會將會看到。您可以關閉此頁面。
referee-declined-title = 謝謝
referee-declined-body = 您的答覆已記錄：您未確認所陳述的經驗。您可以關閉此頁面。
referee-used-title = 此連結已被使用
referee-used-body = 此連結已提交過答覆，本次未記錄任何內容。如有疑問，請聯絡申請人。
referee-expired-title = 此連結已過期
referee-expired-body = 透過此連結答覆的期限已過，未記錄任何內容。申請人可以重新發送連結。
referee-unknown-title = 此連結無效
referee-unknown-body = 沒有與此連結對應的推薦請求，未記錄任何內容。請檢查連結是否完整複製。

evidence-title = 證明文件
evidence-lead = 保存在工程師檔案中的文件，核實一次即在所有申請中顯示為已核實。
evidence-empty = 暫無文件。
evidence-file = 文件
evidence-type = 類型
evidence-size = 大小（位元組）
evidence-uploaded = 上載時間
evidence-verification = 核實
evidence-verified = 已核實
evidence-verified-by = 由 { $name } 於 { $at } 核實
evidence-unverified = 尚未核實
evidence-verify = 核實
