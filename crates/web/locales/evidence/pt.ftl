# Português (Macau): the messages of this folder that public pages use; the others fall back to English.

nav-inbox = Caixa de entrada
referee-title = Confirmar a experiência de um engenheiro
referee-lead = Caro/a { $referee }, um candidato indicou-o/a como referência. Leia a experiência que declara e confirme-a ou recuse-a.
referee-statement = A experiência declarada
referee-expires = Esta ligação funciona uma vez, até { $at } (UTC).
referee-comment = Comentário (facultativo)
referee-confirm = Confirmo esta experiência
referee-decline = Não posso confirmar isto
referee-confirmed-title = Obrigado
referee-confirmed-body = A sua confirmação foi registada. As sociedades que apreciam a candidatura vão vê-la. Pode fechar esta página.
referee-declined-title = Obrigado
referee-declined-body = A sua resposta foi registada: não confirmou a experiência declarada. Pode fechar esta página.
referee-used-title = Esta ligação já foi usada
referee-used-body = Já foi dada uma resposta através desta ligação e nada mais foi registado. Se achar que se trata de um engano, contacte o candidato.
referee-expired-title = Esta ligação caducou
referee-expired-body = O prazo para responder através desta ligação terminou e nada foi registado. O candidato pode pedir uma nova ligação.
referee-unknown-title = Esta ligação não é válida
referee-unknown-body = Nenhum pedido de referência corresponde a esta ligação e nada foi registado. Verifique se copiou a ligação inteira.
