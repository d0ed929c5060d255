package rules

// wechatSecret finds a WeChat official account's or mini program's
// AppSecret passed beside its AppID: the AppID (wx and 16 hex digits) and
// then, as the next argument or array item, 32 hex digits, as calls that
// fetch an access token take them (getToken("wx…", "…"), the
// sns/oauth2 URL's appid=…&secret=…). With the AppID beside them the 32
// digits are the secret, not a checksum.
func wechatSecret() Rule {
	return build(spec{
		id:          "wechat-app-secret",
		description: "WeChat AppSecret beside its AppID",
		regex: `(?i)(?:["'](?:wx[0-9a-f]{16})["'][ \t]*,[ \t]*["']([0-9a-f]{32})["']` +
			`|\bappid=wx[0-9a-f]{16}&(?:app)?secret=([0-9a-f]{32})\b)`,
		keywords: []string{"wx"},
		tags:     []string{"provider", "wechat"},
		tps: []string{
			"String accessToken = CommonUtil.getToken(\"wx0123456789abcdef\", \"0f1e2d3c4b5a69788796a5b4c3d2e1f0\").getAccessToken();\n",
			"url = \"https://api.weixin.qq.com/sns/oauth2/access_token?appid=wx0123456789abcdef&secret=0f1e2d3c4b5a69788796a5b4c3d2e1f0&code=\" + code\n",
		},
		fps: []string{
			"String accessToken = CommonUtil.getToken(appId, appSecret).getAccessToken();\n",
			"url = \"https://api.weixin.qq.com/sns/oauth2/access_token?appid=wx0123456789abcdef&secret=\" + secret\n",
			"ids = [\"wx0123456789abcdef\", \"wxfedcba9876543210\"]\n",
		},
	})
}
