# Pesquisa (crates/store/src/search.rs): as mensagens das páginas públicas.

search-hint = Um ou dois caracteres encontram os nomes que começam por eles (um apelido, por exemplo); três ou mais encontram-nos em qualquer parte do nome.
search-more-than = Mais de { $count } resultados; a mostrar { $from }–{ $to }. Acrescente caracteres para restringir a pesquisa.
nav-engineers = Engenheiros
