package rules

// signingKeyCall finds literal keys passed positionally to signing, HMAC
// and ID-obfuscation calls: crypto.createHmac('sha256', '…') (Node),
// new Hashids('…') (its salt), jwt.sign(payload, '…'), jwt.verify(token,
// '…'), jwt.encode(payload, '…') (PyJWT), signWith(SignatureAlgorithm.HS256,
// "…") (jjwt). Only a string literal is reported, never a variable. The
// literal is the key whatever its strength: even a word
// (jwt.sign(payload, 'secret')) signs every token the service trusts,
// and the real-code corpus labels every such literal a credential;
// stated placeholders ('your-jwt-secret'), a constant's name and one
// repeated character are not reported.
func signingKeyCall() Rule {
	const lit = `[ \t]*(?:"([^"\r\n]{3,})"|'([^'\r\n]{3,})')[ \t]*[,)]`
	return build(spec{
		id:          "signing-key-literal",
		description: "Literal key passed to an HMAC, JWT signing or Hashids call",
		regex: `(?i)(?:\bcreateHmac\([ \t]*["'][\w-]+["'][ \t]*,` +
			`|\bnew[ \t]+Hashids\(` +
			`|\bjwt\.(?:sign|verify|encode|decode)\([ \t]*(?:\{[^{}\r\n]*\}|(?:[\w.$\[\]'"]|\([^()\r\n]*\))+)[ \t]*,` +
			`|\.signWith\([ \t]*[\w.]+[ \t]*,)` + lit,
		keywords: []string{"createhmac(", "hashids(", "jwt.sign(", "jwt.verify(", "jwt.encode(", "jwt.decode(", "signwith("},
		tags:     []string{"code", "signing-key"},
		weakOK:   true,
		check:    signingKeyCheck,
		tps: []string{
			"export const hmac = (data) => crypto.createHmac('sha256', 'Fk3qPz8Lm2Vx9Tq4Wn7Rb5Yc').update(data).digest('hex')\n",
			"  const hashids = new Hashids('zorkSalt-4711x', 60, 'abcdef')\n",
			"const token = jwt.sign({ id: user.id }, 'zork-jwt-signing-4711', { expiresIn: '1h' })\n",
			"    payload = jwt.decode(token, \"Zk8#qP2mLx7v\", algorithms=[\"HS256\"])\n",
			"  .signWith(SignatureAlgorithm.HS256, \"Zk8qP2mLx7vR4tW9\")\n",
			// A weak key is still the key.
			"const token = jwt.sign({ id: user.id }, 'zorkzork4711', { expiresIn: '8h' })\n",
			"const { id } = jwt.verify(token, 'plumtree42')\n",
			// The token cut from its header by a call.
			"        verify = jwt.verify(req.headers.authorization.split(' ')[1], \"zork4711\")\n",
			// A word is still the key.
			"const token = jwt.sign({ id: user.id }, 'secret')\n",
			"const token = jwt.sign(payload, 'mysecretkey')\n",
			"    return jwt.encode(payload, 'zork', algorithm='HS256')\n",
		},
		fps: []string{
			"const token = jwt.sign(payload, 'your-jwt-secret')\n",
			"const token = jwt.sign(payload, 'JWT_SECRET')\n",
			"crypto.createHmac('sha256', secret).update(data)\n",
			"const token = jwt.sign(payload, process.env.JWT_SECRET)\n",
			"const token = jwt.sign(payload, config.get('jwt.secret'))\n",
			"const hashids = new Hashids(salt, 8)\n",
			"  .signWith(SignatureAlgorithm.HS256, key)\n",
			"jwt.verify(token, 'aaaaaaaaaa')\n",
		},
	})
}

// signingKeyCheck accepts a literal key of three or more characters that
// is not a constant's name (JWT_SECRET) or one repeated character
// (jwtKeyValue).
func signingKeyCheck(_, secret string) bool {
	return jwtKeyValue(secret)
}
