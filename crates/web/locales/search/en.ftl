# Search (crates/store/src/search.rs): the admin engineer list and the public register.

nav-engineers = Engineers
admin-engineers-title = Engineers
admin-engineers-lead-platform = Every engineer on the platform. Find one by name in any script, member number or certificate id.
admin-engineers-lead-society = Engineers holding a qualification of { $societies }. Find one by name in any script, member number or certificate id.
admin-engineers-search = Name, member number or certificate id
admin-engineers-empty = No engineer matches. Check the spelling, or search with fewer characters.
admin-engineers-qualifications = Qualifications
admin-engineers-pages = Pages
admin-engineers-recognition = Recognition
admin-engineers-evidence = Evidence
admin-engineers-standing-good = Good standing
admin-engineers-standing-under-discipline = Under discipline
search-hint = One or two characters find names that begin with them (a surname, say); three or more find them anywhere in a name.
search-more-than = More than { $count } match; showing { $from }–{ $to }. Add characters to narrow the search.
