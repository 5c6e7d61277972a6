/// Fixed RSA-2048 test keys (generated once with openssl for this test target), so that signed
/// output is byte-stable. Never use them outside tests.
public enum TestKeys {
    public static let platformA = """
        -----BEGIN PRIVATE KEY-----
        MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCSx4Cl9MvkEo5R
        qnusgSrHHgOHLN5Tm0+gj24tVc+QSIU2Wd7Yz9iLsEvLR/CEIFKagdv/2u6B6jEp
        dokrB5B+zRIJnOnxFy1I9Lmqo90KTV013WPq2gAPHABI9f6ob0KUS89h7o+AtcTz
        2IqV64B6pArWA335AY6cDz/g6a9f7FmVXdMjSrLuZTDc0ZnyT/AwxS2cCrS+p9nu
        sYIA/NanjJr8H4B4JUQCbONR3ZdJZBghIE9IvJquq6ObJYnJGkJ1Ou75h1PSWLnw
        WAUG8KPB5MHuPyzAmZp268FnKHXMOTf4zHyvWhInktQkWeGrP+QTyUOMwfVfVQbu
        jaEtmNqzAgMBAAECggEANwLbthdV9XB486WsPX6ZvFAE7XxFBVvPz7MCDa68IOz1
        NGYhbewUUmJsPc+EFtkQbIUgIbf5rSpLa6lYBo8KumN8j6rGSUww9kd2cLyCgzJ0
        rVQA90vmOsN5Xd8IpzMv5mm1W5RwJ0K5AtVVN5QwroZd41EivRk2zEmw3MhoqM/Y
        gCSNBN2IOIrCf3dtIK+yGsrluRf4/XyAB/bJcfpFzDqtcYYe9gwjFkZbW2kOqAwh
        48rznOTlYLXhjYP/I6w3Xk5ezB8+8zgvxgFY7WrBKa6RQlSmotONiMdbiIoFIqM8
        Eczu1dGLR4d2e6m8mQRusfelBpD9SXd7OfNj2j3qPQKBgQDEmEwPaqujVwV6HXvM
        FOIHPRPwAabBKIahhV1pBsQWvtWyM4H6V4eDz78CgxB/IHFDE3/d2UP2EpLWg6z4
        MMzzyH0YCIZ2mYa90hSiPga5G3IFp10bOR1ZDck5E03xNE5l9DJ3aTS97XUMVcPi
        PktslL61huMZ3okKaOqQa9JKNwKBgQC/IbFxvqZwZh+BnJfJjzC2PJd8m0Y4g+6v
        7OXAXmOWiDloAfgVkawN2dWIswgVnE+eRMn027KBWtrvsJyjlmFsD3sWnKTiwwZj
        gZ+z8knqmpx098svu8sbiZdimCf7BXvoiQH3h4rY6JRVx4xsDOLgdLwzBdglngC2
        FpR4kAWFZQKBgQCG5ubScWUj6XP1rsOjb/UF+JB00f1GcHOp5GULy7vEy+DBrnyT
        d3qjJWwx4hPw2CdAWuIULqFm+qnOD38itAH/iuTkF/2E5qbCHKVSC3P7k2yzmnvW
        UWPlFwOsaaXDTRw6882piQTLC2WVOEj5N7vz30HaOJwfxUeOYB4NSh98EwKBgQCw
        6UnqY7KBNTWSbdRdP4myFJGPR9YOd6fV9OuQTI3Xhs3EBJaRuF1OEMRCnJwuDJnx
        f/CDEVu/uc4OsCW8kXQpZobjHijMsAHY1uFw2SIr4eJRrg7HZwaPvaJ/IyFWivPu
        /+nvKOmO7nBmmabTWHYjlkmg3Jb98qrr4CibE4vYtQKBgHq6t+YI3tOJjBfPG6Wi
        Xhog9qXVxwFDYAgPNHJ2WRadbB8mwmRHkPPGpDmAg3ahZ/4eJ3qK0eb+I1Q1Ct52
        /RH+9eePxQ7TDyj1XKNjqKgqPHhwMrZ3qGTtyZVY/PuSZ4wQGYhYBpOqgivFWmZh
        mbnv7lrfxSujBlIWcEBi5oFY
        -----END PRIVATE KEY-----
        """
    public static let platformB = """
        -----BEGIN PRIVATE KEY-----
        MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCb0g1+MYI/33Ay
        sNtKpkDhOmL+VqBrsfK+eer+ZkXsoxW1tcY4KIyDJoNl4uqXR5OUxTGfsZPnQ6/u
        0rilTKqy8EvE7+hzCj23Oa2I+ZxTJUCPiU8kYtRjC/vbFALoKuurXQqfCDP3SZyr
        9E9oxaJCuZGjJ1EjaoQc9P66w0IVXtYcRpXVd9N2aGV11iHC9thw97xsXZEVcySg
        mRXP7ScL4JS8L5w6bR07kCpKWY9m6RLcsl8QmNZWdURyEhpBqThfalpdr+rxIlNb
        TxTBsZk8pcaXoQcWw5r0E98f4Z/v8PltonaVMDVs1TV55pwsBFYuN5yOsZ8V57ss
        3Eg0nE3rAgMBAAECggEABDugOuBfbcVvx9YUGaK15Shv41bjxBPbyJ7elQtJilR3
        1Ngw9U+XWZdklGemAHa6T0f4Fs19Jhgpoa7pwzEiUKVvJCocQhvHchXICA431+5i
        zZi+T0+7/fYntluEeggdyimcjetsIKNISpziwgbfEeRL94cBkO5mKQniwvIQ9oGd
        Ikvhgw/h1yqejAjjGZ5PfaRvrAoW/Xvh8cTyLty4BUunFEYEkxAOqfmM7NtFssJ8
        PieYsi3lWzOEFYNbzje9Edk1QlQDx7oYZ/cvDAn0Oc3cgLa+tkG3A8KMOWNcV4u1
        fD5ogVIkCA8bqbqXlnYth0TTENxobGL33NcTBB3MKQKBgQDZ2wwr3dSHv2zjrNKh
        ljL/FsfY6SDx5630Ve53SFqvPGMKNBwJXA7FBMtNk503O38TPclD+hDOQS5mH9+9
        Ng0FIlR1J2obAXce3to+mcc/M2I5UCWVEppfc/N+WkmAQOqs5S3NZUYX/AhZhI0M
        yMguHDhP/PrDNws5VS4/l46dlQKBgQC3GmbfpXmoW8yfpeni1xneoamvMwjN1EDW
        U73AKCfKTEELz/WK8srN1Q34seoJ8QHwkv+z7LLBzVnCnNuP9g8MtqWTy7r8+wvc
        6EO0kndTsjVeOVrWxGY1rjQINFOrRcK2LhKtijg9bgxP4RYTVY92U1MVHDcInqxZ
        OXfkZeldfwKBgH8L0jZGwGmFxe+kWpVnLUg7tcIWemL4VCbYch/X7yKgWbWam/sN
        V4On/xO3kQijxsCm2Jeu3lwaAQAHeIg0XDVxRsWnfaZQHXLATZASR/LgeVipF7Gu
        zp351bcK2jBUK0c2w5YziEP2c7wYo9UfxjW1uVVUV7y+feoqdbUaIk5dAoGBAJ5m
        Sa6aIVfDKo7F4kKp4KhXZEq7NJeTUg/X2+Q7GMkKFI9adUmh5k4QTQjjKNs20n3D
        PU/yqWW89zTDq7GrpLNT4oOsEHQ/3bBagg/ZUT9ngIGlzm7S8rTnof2i/urA68Pc
        sa3NT//cjuwfhZBuSTCMvugZQ4bCdciuTYiZnTuTAoGBAIYL3tH8LYNkC5/gNiRB
        3UHXPpjiF3Wcj/cYkaaVL8rlR/zTCD2NKD49NGuecmo9PN06tPX7YrSsaaE7IKoS
        JlbvEtu1n4Z5vjw3/qH+ojn2dvjLIh0Cvsi+uNhbkuJ37n0D2QzUkiwxEISrRX22
        +EQVS6dYbfPwaVJsKJC09O+3
        -----END PRIVATE KEY-----
        """
    public static let tool1 = """
        -----BEGIN PRIVATE KEY-----
        MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCi5VQnibfd1cs1
        tJZ4coH7nI8tU2fuE11VKbf0bS3TVGgwA1EUKpPPFuGbM4gARfJzXzGwTCABn4Cp
        eqKlzyksqCreJk+kGAYrTadOO0fotXN7NYleyQ5Kw4gvhLFtEL/wx29L2JwHRuD9
        ErU0zpvYMphn8Rimek8bkqeYSMnJZaeV7vB7ZTHwjBrIPw/dDjVHbCOLhqzGxLCB
        2FoNyxwY+CMvxlYsuzajCMwCwvMEo6uZmOBh3fFeHT5YAJ+ogApdpA+ZLiEJdj8a
        rcAKpIWAKXT7WNM79+egu/MKnJeLfrocehrPIb+DWH6A9hcMLsb+P/W+dz6vo2H+
        f9ss8gPpAgMBAAECggEAPz9Xq3pXf7SRECsr+VxMh8tD9E9cHR47sONf33G8xz8Q
        rQO8qV3WwiOaOU6K0cBW4ODnRBJqovaxWBybplGHJSWub07kwUvqqUmfWkq+IubB
        Dee9jKX3/KNq7zhQQ46rV+u3lPVnr5Ofq+NlpDlMXWdXsZP1BD6dFJGerQwl/SHx
        4oq2pYNhphZGhaJQL+83Fjz7XjMHNvTH12BRe+0zyHjkyurKo0Wxa3pFB8KZjSXo
        pFZsUXzTrSafwIFceCctLbPVRS+eyRBnJmHMD6z0Y20g8YgaTl1EHtsA/fTSAEu4
        KpmvxXV9UpkYFk2LZppMIirT5m4V072weN97HhqumQKBgQDgjMmcQoaKzzIj+9C0
        h7cMog2BY50+jXmULIw7vgFPcJmR2msGH3iwiKt0lhIKspPLmwNMXmB8TVK/cgjQ
        c7NakGr/0IUGY2WzAnCe+nNXemXvEoxtu7jyX+XsS7tOUAyCJWwx9AekY6qRbesd
        vFfBb3+nEhOYaG1i19qdyLp1uwKBgQC5tfB1hSsfCXLJjBiAiOBfvi2fXgiQTxrK
        wstgFbtvmeVD7f/ENb102PRI0P+G/2PcwKQZVifpOX4q4bDu7AFUgO8RGgA/pPdV
        W4i9VBxLIkKQSQG4CGOiQLQ5ezHZ5Cn1lSBv9QZ65iYuwWpe5sp/v36r+2zDA0Rc
        aATqWyogqwKBgQCD3WmP3+lOnrpdM0Wunnw6aPfxYeQ3lbEt+LMpaj0uv3sPkeqD
        n/up/7hgMLjLm277hD59nHagyG+tiXPvpeJPbrvHGlbkF37jjq1ATudpGbG+oW/i
        CPllLDfDef220X9m9j8BXsMWIIlL+fa2caI/MBEQtabYO4rxHr19JyGIfQKBgHAQ
        PQD9ke7RqcW7V1HAxvyfazJe8PX79iPidg0OMCQBDtr19D/3WdL31DlYfMl+tUkR
        qjRry/utqNfBhx41pfvTLe/466t8JZAJgzMUXVptWxNsKrBdx5myR87j60obp8I8
        8ez9Q6LH3MScDE8mH44FBTBMsO3gu9CzKDwvNPWvAoGBANZM4C+JDlRhl3R4hp+P
        BBQWw+3WHefVJT02D6FM3JqOy9AifMbpAWdgxJ1VwEB3CoOtNuAZeJgQHYVIsKxe
        Q+9EZ4yng3WeFi4teSFGIFmJdnIYU15L+qo83WoohpqtIh0E8+FIVn+QhQ92NQ26
        KZYls2+Ed4TucIuLoADWy5zO
        -----END PRIVATE KEY-----
        """
    public static let tool2 = """
        -----BEGIN PRIVATE KEY-----
        MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCnmx4DSaysSyVl
        y5ehAZqcD0ytveXxx8+ngVj1SYah6iiR7tpHSU+h3tlA/jQU9lsoX7WjsQDzXK6v
        jaLGxLptEoHTLzMc30G1m1Pgc8AJc5hE2L1jB7eVGWFJyLiagi9SmqRW7y0UYaVu
        LHJ6NJN0DYp7fH8QE9llnSodd+GHxJe6b1TnMY5+4HMkhzJAO7/hyybr11XZ0eaO
        UQTSmfC7ZRMG2v2B+8x/h5fWF186iF5E/Sy6MvGdAW2CTP5xVDn+LBD0dSXHTIlw
        4IJqXhm3+XDLpbUoznSdfWO8sixexHEY5LX4SpwYGyOnK6Y9wXflGUnOI4sORCL+
        St9xfwy1AgMBAAECggEAEBCAkG0b1UnAlGCusFpwgLvArDhy1TlDEHmH1r7M3jEM
        4Wvk1QdUUB4FccLLqCSyuQxvYvigsDK2dZIcQ3PwsGqhMeYovoAxkqAIKo+9nMpN
        EnA5usevE2Xi2skX1Itc0MyMqt5y0izHx+cPs+HdLjbsCoj0vsxAPoqRUlC+t536
        zDpnUqw2qpC7VHETkUHoIPHDcBFLaAy4iaIw0EB4NqhDclT7Bg15aes2Npbkr7dw
        nHdszeAtywKSP2tDS4gNj90HuJmSyAX4pGJLBoXcC1s5eNDbEYKpt8SRe7xzxO10
        rvBFtge7SP0H36TgHtnQUQC3Cg9yBkMHsZLiQj0kMwKBgQDknou/h+2KFo8cX7PN
        qnnMnheWdVuSf5LbmMUKo1OXfu6/fOWRzoTx3REB+PcjG8vE6hvGUy4U1HYTBzNA
        yELbBDFg4YvM8rLus1MEw+n2H3oS73DoD0yca8OsmcVgDDmugYI4zo/7kwGIV54+
        05xWVCcTNVm4BAV/tSSPNwL71wKBgQC7reeOEu5L5mqm3WzK96F+bVYuEVdpOuaa
        DfMRdTfxeEVA6QBZTInjR2mPFhN83+iKHdlXBpLtE9gQPyukzvnPoCcBRajL6uHq
        r71R7ZM7aG/YnIOLNHT6JUicczwLlBYtVPoXBQgmWVuDMoEqs5EvY7UPLQiqHSxH
        mqKkYbcKUwKBgQC/g2EmDUQbzVINPs5sl0Z49mZkD+OqEVyAwLUveCpqWla96m6V
        eh88TSgWMu00Z/CHAGZL+Ro9MM3ImtuAhUIcHqMOuWJXSWhDNc1xzHyNRUkJ27MF
        cuuGjW/Zguco0pTvbmYcGE3dPQSnpl5V2wa3+r7RBHwn/pZsqN37auYA+QKBgCO4
        1AwMumKj9sTP/HcdbxWbRf36uwKCfYXxBcTa5M0HMVdLgg99K/mgjAz6DLeF/sLb
        L5UK4UhSsJtXCr2Rz6afOw1Y7unxSRLcZFKFv7JdDHzUPY1vbJx4IDv3CwTBKP9z
        3y4mfQiflXWBVWiFSSsV9U5wKegHKXhvjGlxV9+VAoGBALneoDt2ZiEvZ5l3izCZ
        usaSJj/htXZ0XtIeU13+3O/XMbblTuOEQfEtDjmeWSYkvk+N0hsHjbzW2GSMT1gf
        6rKlIsB/YeIY48BC+lHjlD0ibKdZaPv8DyrxXMDi4QVZJUKulPSekCSEn/I8lHu7
        lV2dnv3lqAyfhoXhlGsAz8qQ
        -----END PRIVATE KEY-----
        """
}
