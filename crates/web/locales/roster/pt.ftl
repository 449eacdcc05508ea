# Português (Macau): the messages of this folder that public pages use; the others fall back to English.

nav-roster = Importação de listas de membros
