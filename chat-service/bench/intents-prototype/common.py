import numpy as np, json, time
import os
P=os.environ.get('PROTO_DIR','/tmp/intents-prototype')+'/'
def txt(n): return [l.rstrip('\n') for l in open(P+n+'.txt')]
def emb(n): return np.load(P+n+'.minilm.npy')
def lab(n): return json.load(open(P+n+'.labels.json'))
def b77():
    return dict(Xtr=emb('b77_train'),ttr=txt('b77_train'),ytr=np.array(lab('b77_train')),
                Xte=emb('b77_test'),tte=txt('b77_test'),yte=np.array(lab('b77_test')))
def clinc():
    d={}
    for s in ['train','val','test']:
        X=np.vstack([emb('clinc_'+s),emb('clinc_oos_'+s)]); t=txt('clinc_'+s)+txt('clinc_oos_'+s)
        y=np.array(lab('clinc_'+s)+lab('clinc_oos_'+s))
        d['X'+s]=X; d['t'+s]=t; d['y'+s]=y
    return d
def softmax(S,T):
    Z=S/T; Z=Z-Z.max(1,keepdims=True); E=np.exp(Z); return E/E.sum(1,keepdims=True)
def oos_eval(pred, conf, y, thr, oos='oos'):
    """pred: predicted label (may be oos), conf: confidence in pred; message is OOS if pred==oos or conf<thr"""
    out = (pred==oos)|(conf<thr)
    ins = y!=oos
    acc = np.mean((pred[ins]==y[ins]) & ~out[ins])
    rec = np.mean(out[~ins])
    return acc, rec
def thresholds(pred, conf, y, oos='oos'):
    """all candidate thresholds -> arrays of (thr, in-scope acc, oos recall)"""
    c=np.unique(np.concatenate([conf,[-np.inf,np.inf]]))
    # candidates: midpoints-ish: use each seen confidence (threshold t means conf<t rejected)
    res=[]
    ins=y!=oos
    o=np.argsort(conf)
    for t in c:
        res.append((t,)+oos_eval(pred,conf,y,t,oos))
    return np.array(res)
def choose(curve, rule):
    t,a,r=curve[:,0],curve[:,1],curve[:,2]
    if rule=='mean':   # INTENTS.md rule: max mean(acc, recall); ties -> lowest thr
        i=np.argmax((a+r)/2); return t[i]
    if rule=='overall':  # max accuracy over val+oos_val counted per message (3000 in-scope, 100 oos)
        i=np.argmax(0.9677*a+0.0323*r); return t[i]
    if rule=='acc95':  # max val OOS recall with val in-scope acc >= 95%
        ok=a>=0.95
        if not ok.any(): return None
        i=np.where(ok)[0]; i=i[np.argmax(r[i])]; return t[i]
    if rule=='acc94':  # max val OOS recall with val in-scope acc >= 94%
        ok=a>=0.94
        if not ok.any(): return None
        i=np.where(ok)[0]; i=i[np.argmax(r[i])]; return t[i]
