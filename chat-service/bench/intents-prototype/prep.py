import csv, json
import os
D=os.environ.get('DATASETS','../shared/datasets')
P=os.environ.get('PROTO_DIR','/tmp/intents-prototype')
os.makedirs(P,exist_ok=True)
def w(name, texts):
    with open(f'{P}/{name}.txt','w') as f:
        for t in texts: f.write(t.replace('\n',' ').replace('\r',' ').strip()+'\n')
labs={}
for sp in ['train','test']:
    rows=list(csv.DictReader(open(f'{D}/banking77/{sp}.csv')))
    w(f'b77_{sp}',[r['text'] for r in rows])
    json.dump([r['category'] for r in rows],open(f'{P}/b77_{sp}.labels.json','w'))
d=json.load(open(f'{D}/clinc150/data_full.json'))
for k in ['train','val','test','oos_train','oos_val','oos_test']:
    w(f'clinc_{k}',[t for t,l in d[k]])
    json.dump([l for t,l in d[k]],open(f'{P}/clinc_{k}.labels.json','w'))
    print(k,len(d[k]))
