-- Two users (passwords "test" and "other", hashed with few iterations to keep tests fast) and one post.
INSERT INTO user (username, password) VALUES
  ('test', 'pbkdf2:sha256:1000$Xq3vLz8A$6637d33aec0dc123bb9abbcde7d6fe9adc3b7ea221a33ef1576ca148d83163b9'),
  ('other', 'pbkdf2:sha256:1000$Pm7Kd2Wn$2ec1088f19b428b7206089eede0f184c03a9a2f2c7615b655f9548b1139d3c06');

INSERT INTO post (title, body, author_id, created) VALUES
  ('test title', 'test' || char(10) || 'body', 1, '2018-01-01 00:00:00');
