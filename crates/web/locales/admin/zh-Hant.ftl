## Editing the register (pages under /admin)
