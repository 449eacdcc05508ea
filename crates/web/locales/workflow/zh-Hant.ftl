## workflow
