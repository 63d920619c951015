from common import *
RULES=['mean','overall','acc94','acc95']
def confs(S, classes, extra=None):
    """S: class scores (n,K). returns pred labels and dict name->confidence"""
    o=np.argsort(-S,1); top=S[np.arange(len(S)),o[:,0]]; sec=S[np.arange(len(S)),o[:,1]]
    pred=classes[o[:,0]]
    c={}
    for T in [0.05,0.1,0.2,0.5]: c['softmax T=%g'%T]=softmax(S,T).max(1)
    c['top score']=top
    c['margin top1-top2']=top-sec
    if extra: c.update(extra)
    return pred,c
def report(name, Sv, yv, St, yt, classes, extra_v=None, extra_t=None, log=print):
    pv,cv=confs(Sv,classes,extra_v); pt,ct=confs(St,classes,extra_t)
    ins=yt!='oos'
    base=np.mean(pt[ins]==yt[ins])
    log('%s | test in-scope acc without threshold %.4f (val %.4f)'%(name,base,np.mean(pv[yv!='oos']==yv[yv!='oos'])))
    sel={}
    for k in cv:
        curve_v=thresholds(pv,cv[k],yv); curve_t=thresholds(pt,ct[k],yt)
        # oracle diagnostic: best test in-scope acc with test recall>=0.70
        ok=curve_t[:,2]>=0.70; orc=curve_t[ok,1].max()
        s='  %-22s'%k
        for rule in RULES:
            thr=choose(curve_v,rule)
            if thr is None: s+=' | %s: none'%rule; continue
            va,vr=oos_eval(pv,cv[k],yv,thr); ta,tr=oos_eval(pt,ct[k],yt,thr)
            sel.setdefault(rule,[]).append(((va+vr if rule=='mean' else (0.9677*va+0.0323*vr if rule=='overall' else vr+1e-3*va)),k,thr,va,vr,ta,tr))
            s+=' | %s thr=%.4g val %.2f/%.1f test %.2f/%.1f'%(rule,thr,100*va,100*vr,100*ta,100*tr)
        s+=' | [diag: best test in-scope at test OOS>=70%%: %.2f]'%(100*orc)
        log(s)
    for rule in sel:
        b=max(sel[rule]); log('  SELECTED on val for rule %s: %s thr=%.4g val %.2f/%.1f -> test %.2f/%.1f'%(rule,b[1],b[2],100*b[3],100*b[4],100*b[5],100*b[6]))
