ovhai job run --cpu 2 \ 
  registry.example.com/a/train:1
