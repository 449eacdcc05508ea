# 檢索（crates/store/src/search.rs）：管理員的工程師列表與公開名冊。

nav-engineers = 工程師
admin-engineers-title = 工程師
admin-engineers-lead-platform = 平台上的全部工程師。可按任何文字的姓名、會員編號或證書編號查找。
admin-engineers-lead-society = 持有{ $societies }資格的工程師。可按任何文字的姓名、會員編號或證書編號查找。
admin-engineers-search = 姓名、會員編號或證書編號
admin-engineers-empty = 沒有相符的工程師。請檢查拼寫，或減少字數再試。
admin-engineers-qualifications = 資格
admin-engineers-pages = 頁面
admin-engineers-recognition = 資格認可
admin-engineers-evidence = 證明文件
admin-engineers-standing-good = 操守良好
admin-engineers-standing-under-discipline = 紀律處分中
search-hint = 輸入一兩個字時，查找以其開頭的姓名（如姓氏）；三個字或以上時，查找姓名中任何位置。
search-more-than = 相符結果超過 { $count } 項，現顯示第 { $from }–{ $to } 項。請多輸入幾個字以縮小範圍。
