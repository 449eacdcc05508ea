# 检索（crates/store/src/search.rs）：管理员的工程师列表与公开名册。

nav-engineers = 工程师
admin-engineers-title = 工程师
admin-engineers-lead-platform = 平台上的全部工程师。可按任何文字的姓名、会员编号或证书编号查找。
admin-engineers-lead-society = 持有{ $societies }资格的工程师。可按任何文字的姓名、会员编号或证书编号查找。
admin-engineers-search = 姓名、会员编号或证书编号
admin-engineers-empty = 没有相符的工程师。请检查拼写，或减少字数再试。
admin-engineers-qualifications = 资格
admin-engineers-pages = 页面
admin-engineers-recognition = 资格认可
admin-engineers-evidence = 证明文件
admin-engineers-standing-good = 操守良好
admin-engineers-standing-under-discipline = 纪律处分中
search-hint = 输入一两个字时，查找以其开头的姓名（如姓氏）；三个字或以上时，查找姓名中任何位置。
search-more-than = 相符结果超过 { $count } 项，现显示第 { $from }–{ $to } 项。请多输入几个字以缩小范围。
