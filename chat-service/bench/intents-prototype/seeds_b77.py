# test-accuracy spread over the solver's random order (LinearSVC random_state), selected configs
from feats import *
from sklearn.svm import LinearSVC
d=b77(); y=d['ytr']
def knn1(Xt,yt,Xv,classes):
    sims=Xv@Xt.T; j=sims.argmax(1); out=np.zeros((len(Xv),len(classes))); out[np.arange(len(Xv)),np.searchsorted(classes,yt[j])]=sims[np.arange(len(Xv)),j]; return out
for (w,c,a,C) in [(1,0,1.5,1),(1,1,2,0.5)]:
    A,[B]=build(d['ttr'],[d['tte']],d['Xtr'],[d['Xte']],a=a,w=w,c=c); K=None
    accs=[];accs2=[]
    for seed in range(5):
        m=LinearSVC(C=C,tol=0.1,random_state=seed).fit(A,y); S=m.decision_function(B)
        if K is None: K=knn1(d['Xtr'],y,d['Xte'],m.classes_)
        accs.append(np.mean(m.classes_[S.argmax(1)]==d['yte'])); accs2.append(np.mean(m.classes_[(S+0.25*K).argmax(1)]==d['yte']))
    print('w=%g c=%g a=%g C=%g test acc over 5 seeds: %s | +1NN lam=0.25: %s'%(w,c,a,C,' '.join('%.4f'%x for x in accs),' '.join('%.4f'%x for x in accs2)),flush=True)
